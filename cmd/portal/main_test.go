package main

import (
	"os"
	"strings"
	"testing"
)

// RUN-2: demo mode refuses to listen on anything but loopback unless told
// explicitly with --demo-public.
func TestCheckDemoAddr_RUN2(t *testing.T) {
	cases := []struct {
		addr         string
		demo, public bool
		ok           bool
	}{
		{"localhost", true, false, true},
		{"localhost:8080", true, false, true},
		{"127.0.0.1:8080", true, false, true},
		{"127.0.0.1:0", true, false, true},
		{"127.5.6.7:80", true, false, true},
		{"[::1]:8080", true, false, true},
		{"0.0.0.0:8080", true, false, false},
		{":8080", true, false, false},
		{"[::]:8080", true, false, false},
		{"192.168.1.10:8080", true, false, false},
		{"portal.example.com:443", true, false, false},
		{"", true, false, false},
		{"0.0.0.0:8080", true, true, true},
		{":8080", true, true, true},
		{"0.0.0.0:8080", false, false, true},
		{":8080", false, false, true},
	}
	for _, c := range cases {
		err := checkDemoAddr(c.addr, c.demo, c.public)
		if (err == nil) != c.ok {
			t.Errorf("checkDemoAddr(%q, demo=%v, public=%v) = %v, want ok=%v", c.addr, c.demo, c.public, err, c.ok)
		}
	}
}

// RUN-2: the command stops before opening anything when demo mode would
// listen on every interface.
func TestRunRefusesPublicDemo_RUN2(t *testing.T) {
	dir := t.TempDir()
	err := run([]string{"--demo", "--addr", "0.0.0.0:8080", "--db", dir + "/portal.db"})
	if err == nil || !strings.Contains(err.Error(), "--demo-public") {
		t.Fatalf("run: %v", err)
	}
	if _, err := os.Stat(dir + "/portal.db"); !os.IsNotExist(err) {
		t.Fatalf("the database was opened before the refusal: %v", err)
	}
}

// AUTH-13: absolute links use PORTAL_BASE_URL; demo mode defaults to the
// listen address, other runs must set it, and a malformed one is refused.
func TestPublicAddress_AUTH13(t *testing.T) {
	cases := []struct {
		env, addr string
		demo      bool
		want      string // "" for an error
	}{
		{"", "127.0.0.1:8080", true, "http://127.0.0.1:8080"},
		{"", "127.0.0.1:8080", false, ""},
		{"https://portal.example.com", "0.0.0.0:8080", false, "https://portal.example.com"},
		{"https://portal.example.com/", "0.0.0.0:8080", false, "https://portal.example.com"},
		{"https://portal.example.com/app", "0.0.0.0:8080", false, ""},
		{"ftp://portal.example.com", "0.0.0.0:8080", false, ""},
		{"portal.example.com", "0.0.0.0:8080", false, ""},
		{"https://user:pw@portal.example.com", "0.0.0.0:8080", false, ""},
		{"https://portal.example.com?x=1", "0.0.0.0:8080", false, ""},
	}
	for _, c := range cases {
		got, err := publicAddress(c.env, c.addr, c.demo)
		if (err != nil) != (c.want == "") || got != c.want {
			t.Errorf("publicAddress(%q, %q, demo=%v) = %q, %v; want %q", c.env, c.addr, c.demo, got, err, c.want)
		}
	}
}
