package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gorilla/securecookie"
	lru "github.com/hashicorp/golang-lru/v2"

	"portal/internal/platform/clock"
)

// cookieCodecs signs and encrypts the session cookie with the session key,
// its values written as JSON (sessionValues); cookies written before, with
// gob, are still read (the second codec), so nobody is signed out by an
// upgrade. gob builds its decoder anew for each cookie: that was a twentieth
// of the server's time on a list page. A cookie older than maxAge seconds
// is refused. The JSON codec remembers the cookies it read lately
// (rememberingCodec), for a time measured on clk.
func cookieCodecs(hashKey, blockKey []byte, maxAge int, clk clock.Clock) []securecookie.Codec {
	return []securecookie.Codec{
		newRememberingCodec(securecookie.New(hashKey, blockKey).SetSerializer(sessionValues{}).MaxAge(maxAge), clk.Now),
		securecookie.New(hashKey, blockKey).MaxAge(maxAge),
	}
}

// rememberingCodec is a session cookie codec that keeps the values of the
// cookies it decoded lately, by the cookie's exact text: a browser sends
// the same cookie with every request until the portal writes a new one, and
// checking its signature, decrypting it and reading its JSON took a tenth
// of the server's time on a kept list page (PERF-2). Only a cookie that
// decoded is kept, so only a cookie signed with the key is ever read from
// memory; a forged or changed one is checked, and refused, every time. A
// cookie carrying a flash message is not kept: the next page takes the
// message and writes another cookie, so it is read once (kept, the cookies
// of a run of purchases filled the set, 15 MB).
// A cookie is kept for rememberFor, then checked again: past its age it is
// refused as before, at most rememberFor late, on the same clock as the
// codec's own check (the wall clock). The session it names is checked on
// every request as before (AUTH-8): its end, its idleness, its revocation.
type rememberingCodec struct {
	securecookie.Codec
	now  func() time.Time
	seen *lru.Cache[string, decodedCookie]
}

// decodedCookie is a cookie's values and when they were decoded.
type decodedCookie struct {
	name   string
	values map[any]any
	at     time.Time
}

const (
	rememberFor     = time.Minute
	cookiesRemember = 1024
)

func newRememberingCodec(c securecookie.Codec, now func() time.Time) rememberingCodec {
	seen, err := lru.New[string, decodedCookie](cookiesRemember)
	if err != nil {
		panic(err) // only for a size under 1
	}
	return rememberingCodec{Codec: c, now: now, seen: seen}
}

// Decode reads the cookie's values into dst, a *map[any]any as the session
// store passes, from memory when the same cookie decoded lately.
func (c rememberingCodec) Decode(name, value string, dst any) error {
	out, ok := dst.(*map[any]any)
	if !ok {
		return c.Codec.Decode(name, value, dst)
	}
	now := c.now()
	if d, ok := c.seen.Get(value); ok && d.name == name && now.Sub(d.at) < rememberFor && !now.Before(d.at) {
		copyValues(out, d.values)
		return nil
	}
	read := map[any]any{}
	if err := c.Codec.Decode(name, value, &read); err != nil {
		return err
	}
	if _, flash := read[flashKey]; !flash {
		c.seen.Add(value, decodedCookie{name: name, values: read, at: now})
	}
	copyValues(out, read)
	return nil
}

// flashKey is where gorilla/sessions keeps a session's flash messages.
const flashKey = "_flash"

// copyValues adds src's values to *dst, a map of the request's own: a
// request may change its session's values without changing what the next
// request with the same cookie reads. A kept cookie's values are texts and
// numbers, never changed in place.
func copyValues(dst *map[any]any, src map[any]any) {
	if *dst == nil {
		*dst = make(map[any]any, len(src))
	}
	for k, v := range src {
		(*dst)[k] = v
	}
}

// sessionValues serializes a session's values: text keys whose values are
// text, whole numbers or lists of text (the flash messages). Any other
// value is refused, and the gob codec writes the cookie instead.
type sessionValues struct{}

type sessionValue struct {
	S *string  `json:"s,omitempty"`
	I *int64   `json:"i,omitempty"`
	L []string `json:"l,omitempty"`
}

var errSessionValue = errors.New("session value of another type")

func (sessionValues) Serialize(src any) ([]byte, error) {
	values, ok := src.(map[any]any)
	if !ok {
		return nil, fmt.Errorf("session values: %T", src)
	}
	out := make(map[string]sessionValue, len(values))
	for k, v := range values {
		key, ok := k.(string)
		if !ok {
			return nil, errSessionValue
		}
		switch v := v.(type) {
		case string:
			out[key] = sessionValue{S: &v}
		case int64:
			out[key] = sessionValue{I: &v}
		case []any:
			list := make([]string, len(v))
			for i, e := range v {
				if list[i], ok = e.(string); !ok {
					return nil, errSessionValue
				}
			}
			out[key] = sessionValue{L: list}
		default:
			return nil, errSessionValue
		}
	}
	return json.Marshal(out)
}

func (sessionValues) Deserialize(src []byte, dst any) error {
	values, ok := dst.(*map[any]any)
	if !ok {
		return fmt.Errorf("session values into %T", dst)
	}
	var in map[string]sessionValue
	if err := json.Unmarshal(src, &in); err != nil {
		return err
	}
	if *values == nil {
		*values = make(map[any]any, len(in))
	}
	for k, v := range in {
		switch {
		case v.S != nil:
			(*values)[k] = *v.S
		case v.I != nil:
			(*values)[k] = *v.I
		default:
			list := make([]any, len(v.L))
			for i, e := range v.L {
				list[i] = e
			}
			(*values)[k] = list
		}
	}
	return nil
}
