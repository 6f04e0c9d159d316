package web

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gorilla/securecookie"
)

// cookieCodecs signs and encrypts the session cookie with the session key,
// its values written as JSON (sessionValues); cookies written before, with
// gob, are still read (the second codec), so nobody is signed out by an
// upgrade. gob builds its decoder anew for each cookie: that was a twentieth
// of the server's time on a list page.
func cookieCodecs(hashKey, blockKey []byte) []securecookie.Codec {
	return []securecookie.Codec{
		securecookie.New(hashKey, blockKey).SetSerializer(sessionValues{}),
		securecookie.New(hashKey, blockKey),
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
