package web

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/gorilla/securecookie"
)

// AUTH-8: the session cookie keeps what the portal puts in it (the session
// token, its end, the CSRF token, the language, flash messages) with their
// types, is written as JSON, and a cookie written before with gob still
// reads, so an upgrade signs nobody out.
func TestSessionCookieKeepsItsValues_AUTH8(t *testing.T) {
	hashKey, blockKey := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	codecs := cookieCodecs(hashKey, blockKey)
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

	otherKey := cookieCodecs(bytes.Repeat([]byte{3}, 32), blockKey)
	var forged map[any]any
	if err := securecookie.DecodeMulti(sessionCookie, written, &forged, otherKey...); err == nil {
		t.Fatal("a cookie signed with another key was read")
	}
}
