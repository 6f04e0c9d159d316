// Command api-example turns auto-renew off for every subscription of one
// customer through the portal's JSON API: the bulk change partners ask for
// most, written as a partner would script it.
//
//	PORTAL_URL=https://portal.example.com PORTAL_TOKEN=ppat_… \
//	  go run ./docs/api-example <customer-id>
//
// It follows each list's "next" link, skips subscriptions already off,
// ended or bought directly by the customer, and waits as long as Retry-After says when the rate limit answers
// 429.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

type subscription struct {
	ID        string `json:"id"`
	OfferName string `json:"offer_name"`
	Status    string `json:"status"`
	AutoRenew bool   `json:"auto_renew"`
	// BoughtDirectly subscriptions are the customer's own: not changeable.
	BoughtDirectly bool `json:"bought_directly"`
}

type page struct {
	Data []subscription `json:"data"`
	Next *string        `json:"next"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: api-example <customer-id>  (with PORTAL_URL and PORTAL_TOKEN set)")
		os.Exit(2)
	}
	base, token := os.Getenv("PORTAL_URL"), os.Getenv("PORTAL_TOKEN")
	changed, err := run(base, token, os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("auto-renew turned off for %d subscriptions\n", changed)
}

func run(base, token, customerID string) (int, error) {
	changed := 0
	next := "/api/v1/customers/" + customerID + "/subscriptions?limit=100"
	for next != "" {
		var p page
		if err := call(base, token, http.MethodGet, next, nil, &p); err != nil {
			return changed, err
		}
		for _, s := range p.Data {
			if !s.AutoRenew || s.BoughtDirectly || (s.Status != "active" && s.Status != "suspended") {
				continue
			}
			body := map[string]any{"auto_renew": false}
			if err := call(base, token, http.MethodPatch, "/api/v1/subscriptions/"+s.ID, body, nil); err != nil {
				return changed, fmt.Errorf("%s (%s): %w", s.OfferName, s.ID, err)
			}
			fmt.Printf("off: %s (%s)\n", s.OfferName, s.ID)
			changed++
		}
		next = ""
		if p.Next != nil {
			next = *p.Next
		}
	}
	return changed, nil
}

// call sends one request, retrying after a 429 as Retry-After says.
func call(base, token, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		body, _ = json.Marshal(in)
	}
	for {
		req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		if in != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusTooManyRequests {
			wait, _ := strconv.Atoi(res.Header.Get("Retry-After"))
			time.Sleep(time.Duration(max(wait, 1)) * time.Second)
			continue
		}
		if res.StatusCode >= 300 {
			return fmt.Errorf("%s %s: %s: %s", method, path, res.Status, data)
		}
		if out != nil {
			return json.Unmarshal(data, out)
		}
		return nil
	}
}
