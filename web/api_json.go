package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/money"
	"portal/views/components"
)

// apiMoney is an amount as the API writes it (API-3): integer minor units
// and the currency.
type apiMoney struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// moneyOf writes cents as an API amount; the portal bills in US dollars.
func moneyOf(c money.Cents) apiMoney { return apiMoney{Amount: int64(c), Currency: "USD"} }

// apiTime writes a time in RFC 3339 UTC (API-3).
func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// apiTimePtr writes an optional time; nil stays null.
func apiTimePtr(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := apiTime(*t)
	return &s
}

// apiList is every list's shape: the items and the link to the next page,
// null on the last (API-3).
type apiList[T any] struct {
	Data []T     `json:"data"`
	Next *string `json:"next"`
}

// listOf builds a list; next is empty on the last page.
func listOf[T any](items []T, next string) apiList[T] {
	if items == nil {
		items = []T{}
	}
	l := apiList[T]{Data: items}
	if next != "" {
		l.Next = &next
	}
	return l
}

// readJSON reads a request's JSON object into dst. A body that is not JSON,
// a field of the wrong type and an unknown field answer 422 naming the field
// (API-2); nothing is changed.
func readJSON(c echo.Context, dst any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	errs := components.FieldErrors{}
	err := dec.Decode(dst)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		if dec.More() {
			errs.Add("body", "api.error.not_json")
		}
	case errors.Is(err, io.EOF):
		errs.Add("body", "api.error.empty_body")
	case errors.As(err, &te):
		errs.Add(te.Field, "api.error.wrong_type", te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		errs.Add(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "api.error.unknown_field")
	default:
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		errs.Add("body", "api.error.not_json")
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	return nil
}
