package web

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/gorilla/securecookie"

	"portal/internal/platform/clock"
)

// AUTH-8: the session cookie keeps what the portal puts in it (the session
// token, its end, the CSRF token, the language, flash messages) with their
// types, is written as JSON, and a cookie written before with gob still
// reads, so an upgrade signs nobody out.
func TestSessionCookieKeepsItsValues_AUTH8(t *testing.T) {
	hashKey, blockKey := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	codecs := cookieCodecs(hashKey, blockKey, 3600, clock.System{})
	values := map[any]any{
		"sid": "token-1", "ends": int64(1796083200), "csrf": "csrf-1", "lang": "fr",
		"_flash": []any{"flash.saved"}, "reveal:keys": "A\nB",
	}
	written, err := securecookie.EncodeMulti(sessionCookie, values, codecs...)
	if err != nil {
		t.Fatal(err)
	}
	gobOnly := securecookie.New(hashKey, blockKey)
	var asGob map[any]any
	if err := gobOnly.Decode(sessionCookie, written, &asGob); err == nil {
		t.Fatal("the new cookie is still gob")
	}
	var got map[any]any
	if err := securecookie.DecodeMulti(sessionCookie, written, &got, codecs...); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, values) {
		t.Fatalf("read back %#v, want %#v", got, values)
	}

	old, err := gobOnly.Encode(sessionCookie, map[any]any{"sid": "token-0", "ends": int64(1796000000)})
	if err != nil {
		t.Fatal(err)
	}
	var fromOld map[any]any
	if err := securecookie.DecodeMulti(sessionCookie, old, &fromOld, codecs...); err != nil {
		t.Fatalf("a cookie written with gob no longer reads: %v", err)
	}
	if fromOld["sid"] != "token-0" || fromOld["ends"] != int64(1796000000) {
		t.Fatalf("read %#v from the gob cookie", fromOld)
	}

	otherKey := cookieCodecs(bytes.Repeat([]byte{3}, 32), blockKey, 3600, clock.System{})
	var forged map[any]any
	if err := securecookie.DecodeMulti(sessionCookie, written, &forged, otherKey...); err == nil {
		t.Fatal("a cookie signed with another key was read")
	}
}

// countingCodec is a cookie codec that counts its decodes and can be made to
// refuse every cookie, as a real one refuses a cookie past its age.
type countingCodec struct {
	securecookie.Codec
	decodes *int
	refuse  *bool
}

func (c countingCodec) Decode(name, value string, dst any) error {
	*c.decodes++
	if *c.refuse {
		return errors.New("refused")
	}
	return c.Codec.Decode(name, value, dst)
}

// AUTH-8, PERF-2: a session cookie read again within a minute is not
// decoded again, and reads the same values even after a request changed
// its own; a cookie changed by a letter, or sent under another name, is
// checked and refused every time, and so is one carrying a flash message
// (read once, by design); after a minute the cookie is checked again, and
// refused if the codec now refuses it.
func TestSessionCookieRememberedOnlyWhenItDecoded_AUTH8_PERF2(t *testing.T) {
	hashKey, blockKey := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	var decodes int
	var refuse bool
	inner := countingCodec{securecookie.New(hashKey, blockKey).SetSerializer(sessionValues{}), &decodes, &refuse}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	codec := newRememberingCodec(inner, func() time.Time { return now })
	values := map[any]any{"sid": "token-1", "ends": int64(1796083200), "csrf": "csrf-1", "lang": "fr"}
	cookie, err := codec.Encode(sessionCookie, values)
	if err != nil {
		t.Fatal(err)
	}
	read := func() (map[any]any, error) {
		got := map[any]any{}
		err := securecookie.DecodeMulti(sessionCookie, cookie, &got, codec)
		return got, err
	}
	first, err := read()
	if err != nil || !reflect.DeepEqual(first, values) {
		t.Fatalf("first read: %#v, %v", first, err)
	}
	first["lang"] = "en"
	delete(first, "sid")
	second, err := read()
	if err != nil || !reflect.DeepEqual(second, values) {
		t.Fatalf("second read: %#v, %v (want %#v)", second, err, values)
	}
	if decodes != 1 {
		t.Fatalf("decoded %d times for two reads of one cookie, want 1", decodes)
	}

	changed := []byte(cookie)
	changed[len(changed)/2] ^= 1
	for range 2 {
		var got map[any]any
		if err := codec.Decode(sessionCookie, string(changed), &got); err == nil {
			t.Fatalf("a changed cookie was read: %#v", got)
		}
		if err := codec.Decode("other", cookie, &got); err == nil {
			t.Fatalf("the cookie was read under another name: %#v", got)
		}
	}
	if decodes != 5 {
		t.Fatalf("%d decodes, want 5: the changed cookies are checked every time", decodes)
	}

	withFlash, err := codec.Encode(sessionCookie, map[any]any{"sid": "token-1", "_flash": []any{"flash.saved"}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got := map[any]any{}
		if err := codec.Decode(sessionCookie, withFlash, &got); err != nil || got["_flash"].([]any)[0] != "flash.saved" {
			t.Fatalf("a cookie with a flash: %#v, %v", got, err)
		}
	}
	if decodes != 7 {
		t.Fatalf("%d decodes, want 7: a cookie with a flash is decoded each time", decodes)
	}

	now = now.Add(rememberFor - time.Second)
	if _, err := read(); err != nil || decodes != 7 {
		t.Fatalf("within the minute: %v, %d decodes", err, decodes)
	}
	now = now.Add(time.Second)
	refuse = true
	if got, err := read(); err == nil {
		t.Fatalf("after a minute a refused cookie was read: %#v", got)
	}
	if decodes != 8 {
		t.Fatalf("%d decodes, want 8", decodes)
	}
}
