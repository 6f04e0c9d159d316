package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"portal/internal/auth"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// AUTH-10: the wait doubles from FreeAttempts and never exceeds 15 minutes,
// however many failures (the old rule overflowed at 37 and reached years).
func TestWaitIsCapped_AUTH10(t *testing.T) {
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {auth.FreeAttempts - 1, 0},
		{auth.FreeAttempts, time.Second}, {auth.FreeAttempts + 1, 2 * time.Second},
		{auth.FreeAttempts + 9, 512 * time.Second}, {auth.FreeAttempts + 10, auth.LockFor},
		{20, auth.LockFor}, {37, auth.LockFor}, {50, auth.LockFor}, {1 << 20, auth.LockFor},
	}
	for _, c := range cases {
		if got := auth.Wait(c.failures); got != c.want {
			t.Errorf("Wait(%d) = %v, want %v", c.failures, got, c.want)
		}
		if got := auth.Wait(c.failures); got < 0 || got > 15*time.Minute {
			t.Errorf("Wait(%d) = %v: outside 0..15 min", c.failures, got)
		}
	}
}

// AUTH-10: only attempts 1 to LockAfter reach the password check; a running
// lock refuses without checking; a lock that has ended lets the count start
// again (the claim statement resets it to 1).
func TestAttemptVerdict_AUTH10(t *testing.T) {
	none := time.Time{}
	cases := []struct {
		name         string
		n            int
		prev, locked time.Time
		now          time.Time
		want         auth.Verdict
	}{
		{"first attempt", 1, none, none, t0, auth.Compare},
		{"third, no wait yet", 3, t0, none, t0, auth.Compare},
		{"fourth inside the 1 s wait", 4, t0, none, t0, auth.Throttled},
		{"fourth after the wait", 4, t0, none, t0.Add(time.Second), auth.Compare},
		{"fifth after the wait", 5, t0, none, t0.Add(2 * time.Second), auth.Compare},
		{"sixth: never checked", 6, t0, none, t0.Add(time.Hour), auth.Locked},
		{"fiftieth: never checked", 50, t0, none, t0.Add(time.Hour), auth.Locked},
		{"locked, one second before the end", 1, none, t0.Add(auth.LockFor), t0.Add(auth.LockFor - time.Second), auth.Locked},
		{"lock over: count started again", 1, none, none, t0.Add(auth.LockFor), auth.Compare},
	}
	for _, c := range cases {
		if got := auth.AttemptVerdict(c.n, c.prev, c.locked, c.now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// AUTH-8: a session lasts at most 12 hours from sign-in and ends 2 hours
// after its last request, the edges included.
func TestSessionLifetime_AUTH8(t *testing.T) {
	cases := []struct {
		name       string
		seen, now  time.Time
		ended      bool
		wantLive   bool
		wantEndsAt time.Time
	}{
		{"just signed in", t0, t0, false, true, t0.Add(2 * time.Hour)},
		{"idle exactly 2 h", t0, t0.Add(2 * time.Hour), false, true, t0.Add(2 * time.Hour)},
		{"idle 2 h and 1 s", t0, t0.Add(2*time.Hour + time.Second), false, false, t0.Add(2 * time.Hour)},
		{"used every hour, at 12 h", t0.Add(11 * time.Hour), t0.Add(12 * time.Hour), false, true, t0.Add(12 * time.Hour)},
		{"used every hour, past 12 h", t0.Add(12 * time.Hour), t0.Add(12*time.Hour + time.Second), false, false, t0.Add(12 * time.Hour)},
		{"ended by sign-out", t0, t0, true, false, t0.Add(2 * time.Hour)},
	}
	for _, c := range cases {
		s := auth.Session{CreatedAt: t0, LastSeenAt: c.seen}
		if c.ended {
			s.EndedAt = &t0
		}
		if got := auth.SessionEndsAt(s.CreatedAt, s.LastSeenAt); !got.Equal(c.wantEndsAt) {
			t.Errorf("%s: ends at %v, want %v", c.name, got, c.wantEndsAt)
		}
		if got := auth.SessionLive(s, c.now); got != c.wantLive {
			t.Errorf("%s: live %v, want %v", c.name, got, c.wantLive)
		}
	}
}

// AUTH-8: last seen is written at most about once a minute.
func TestNeedsTouch_AUTH8(t *testing.T) {
	if auth.NeedsTouch(t0, t0.Add(59*time.Second)) {
		t.Error("touched within the minute")
	}
	if !auth.NeedsTouch(t0, t0.Add(time.Minute)) {
		t.Error("not touched after a minute")
	}
}

// AUTH-9: a correct password waits 10 minutes for its code.
func TestCodeStageLasts10Minutes_AUTH9(t *testing.T) {
	s := auth.Session{CreatedAt: t0, LastSeenAt: t0.Add(9 * time.Minute), Stage: auth.StageCode}
	if !auth.SessionLive(s, t0.Add(auth.CodeStageFor)) {
		t.Error("ended at 10 minutes")
	}
	if auth.SessionLive(s, t0.Add(auth.CodeStageFor+time.Second)) {
		t.Error("still waiting for the code after 10 minutes")
	}
}

// AUTH-11: the password rules, each edge.
func TestCheckPassword_AUTH11(t *testing.T) {
	const email = "sales@contoso.example"
	cases := []struct {
		pw, want string
	}{
		{"", auth.PasswordRequired},
		{"abcdefghijk", auth.PasswordTooShort},          // 11
		{"abcdefghijkl", ""},                            // 12
		{"éééééééééééé", ""},                            // 12 characters, 24 bytes
		{strings.Repeat("x", 73), auth.PasswordTooLong}, // bcrypt's 72 bytes
		{"qwerty123456", auth.PasswordCommon},           // in the list
		{"QWERTY123456", auth.PasswordCommon},           // compared lower-cased
		{"my-SALES-passphrase", auth.PasswordHasName},   // the email's name part
		{"\xff\xfe invalid text", auth.PasswordBadText},
		{"correct horse battery", ""},
	}
	for _, c := range cases {
		if got := auth.CheckPassword(c.pw, email); got != c.want {
			t.Errorf("CheckPassword(%q) = %q, want %q", c.pw, got, c.want)
		}
	}
	// A name part of one or two letters would refuse too much: not checked.
	if got := auth.CheckPassword("a-long-enough-pass", "a@contoso.example"); got != "" {
		t.Errorf("short name part: %q", got)
	}
}

// AUTH-11: the shipped list holds the 10,000 most common passwords.
func TestCommonPasswordList_AUTH11(t *testing.T) {
	for _, pw := range []string{"123456", "password", "qwerty", "iloveyou", "dragon"} {
		if !auth.CommonPassword(pw) {
			t.Errorf("%q not in the list", pw)
		}
	}
	if n := auth.CommonPasswordCount(); n != 10000 {
		t.Errorf("the list has %d passwords, want 10,000", n)
	}
}

// AUTH-11: a reset link works once, for 24 hours.
func TestResetUsable_AUTH11(t *testing.T) {
	r := auth.PasswordReset{CreatedAt: t0, ExpiresAt: t0.Add(auth.ResetValidFor)}
	if !auth.ResetUsable(r, t0.Add(24*time.Hour-time.Second)) {
		t.Error("refused before 24 hours")
	}
	if auth.ResetUsable(r, t0.Add(24*time.Hour)) {
		t.Error("usable at 24 hours")
	}
	used := t0
	r.UsedAt = &used
	if auth.ResetUsable(r, t0) {
		t.Error("usable after use")
	}
}

// AUTH-9: codes of RFC 6238 (6 digits, 30 s), one step of drift either way,
// each step accepted once.
func TestMatchCode_AUTH9(t *testing.T) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: auth.Issuer, AccountName: "sales@contoso.example"})
	if err != nil {
		t.Fatal(err)
	}
	secret := key.Secret()
	code := func(at time.Time) string {
		c, err := totp.GenerateCode(secret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	step := t0.Unix() / 30
	cases := []struct {
		name     string
		code     string
		lastStep int64
		want     bool
	}{
		{"current code", code(t0), 0, true},
		{"previous step (drift)", code(t0.Add(-30 * time.Second)), 0, true},
		{"next step (drift)", code(t0.Add(30 * time.Second)), 0, true},
		{"two steps old", code(t0.Add(-60 * time.Second)), 0, false},
		{"already used step", code(t0), step, false},
		{"wrong code", "000000", 0, code(t0) == "000000"},
		{"not 6 digits", "12345", 0, false},
	}
	for _, c := range cases {
		if _, got := auth.MatchCode(secret, c.code, t0, c.lastStep); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// AUTH-9: where a correct password leads.
func TestSignInStage_AUTH9(t *testing.T) {
	cases := []struct {
		hasMFA, required bool
		want             string
	}{
		{false, false, auth.StageSignedIn},
		{true, false, auth.StageCode},
		{true, true, auth.StageCode},
		{false, true, auth.StageSetup},
	}
	for _, c := range cases {
		if got := auth.SignInStage(c.hasMFA, c.required); got != c.want {
			t.Errorf("SignInStage(%v, %v) = %q, want %q", c.hasMFA, c.required, got, c.want)
		}
	}
}

// AUTH-9: recovery codes are random, read back without their dash or case.
func TestRecoveryCodes_AUTH9(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		c := auth.NewRecoveryCode()
		if len(c) != 11 || c[5] != '-' || seen[c] {
			t.Fatalf("code %q (seen %v)", c, seen[c])
		}
		seen[c] = true
		if auth.NormalizeRecoveryCode(" "+strings.ToUpper(c)+" ") != strings.ReplaceAll(c, "-", "") {
			t.Fatalf("normalize %q", c)
		}
	}
}
