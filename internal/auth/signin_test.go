package auth_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/demo"
	"portal/internal/testkit"
)

func newService(app *testkit.App) *auth.Service {
	return &auth.Service{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, BcryptCost: bcrypt.MinCost}
}

// AUTH-10: 50 wrong passwords at once on one account: at most 5 are
// compared, the account is locked, and the right password works once the
// 15 minutes have passed.
func TestConcurrentWrongPasswordsCheckAtMostFive_AUTH10(t *testing.T) {
	app := testkit.New(t)
	s := newService(app)
	var checks atomic.Int64
	auth.SetPasswordCheckHook(s, func() { checks.Add(1) })
	ctx := context.Background()
	var wg sync.WaitGroup
	var locked atomic.Int64
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Authenticate(ctx, "sales@contoso.example", "wrong-password")
			switch {
			case errors.Is(err, auth.ErrLocked):
				locked.Add(1)
			case errors.Is(err, auth.ErrBadCredentials), errors.Is(err, auth.ErrThrottled):
			default:
				t.Errorf("attempt: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := checks.Load(); n > auth.LockAfter || n == 0 {
		t.Fatalf("%d passwords compared, want 1 to %d", n, auth.LockAfter)
	}
	if locked.Load() < 50-auth.LockAfter {
		t.Fatalf("only %d attempts refused as locked", locked.Load())
	}
	until, err := s.LockedUntil(ctx, "sales@contoso.example")
	if err != nil || !until.Equal(app.Clock.Now().Add(auth.LockFor)) {
		t.Fatalf("locked until %v (err %v), want now + 15 min", until, err)
	}
	// Still locked a second before the end, even with the right password.
	app.Clock.Advance(auth.LockFor - 1)
	if _, err := s.Authenticate(ctx, "sales@contoso.example", demo.Password); !errors.Is(err, auth.ErrLocked) {
		t.Fatalf("before the lock's end: %v", err)
	}
	before := checks.Load()
	app.Clock.Advance(1)
	if _, err := s.Authenticate(ctx, "sales@contoso.example", demo.Password); err != nil {
		t.Fatalf("right password after the lock: %v", err)
	}
	if checks.Load() != before+1 {
		t.Fatal("the password after the lock was not compared")
	}
}

// AUTH-10: an admin's unlock lets the right password in at once.
func TestUnlock_AUTH10(t *testing.T) {
	app := testkit.New(t)
	s := newService(app)
	ctx := context.Background()
	for i := 0; i < auth.LockAfter+2; i++ {
		app.Clock.Advance(20e9)
		_, _ = s.Authenticate(ctx, "sales@contoso.example", "wrong-password")
	}
	if _, err := s.Authenticate(ctx, "sales@contoso.example", demo.Password); !errors.Is(err, auth.ErrLocked) {
		t.Fatalf("not locked: %v", err)
	}
	admin := activity.Actor{UserID: demo.ID("user:usermgmt@contoso.example"), Name: "usermgmt@contoso.example"}
	if err := s.Unlock(ctx, demo.FabrikamID, admin, demo.ID("user:sales@contoso.example")); !errors.Is(err, auth.ErrNotFound) {
		t.Fatalf("another partner's unlock: %v", err)
	}
	if err := s.Unlock(ctx, demo.ContosoID, admin, demo.ID("user:sales@contoso.example")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "sales@contoso.example", demo.Password); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
}

// AUTH-10: one address gets 30 attempts a minute, whichever accounts; the
// next minute starts again.
func TestAddressLimit_AUTH10(t *testing.T) {
	app := testkit.New(t)
	s := newService(app)
	ctx := context.Background()
	for i := 0; i < auth.AddressLimit; i++ {
		if err := s.AllowAddress(ctx, "198.51.100.7"); err != nil {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	if err := s.AllowAddress(ctx, "198.51.100.7"); !errors.Is(err, auth.ErrAddressLimited) {
		t.Fatalf("attempt 31: %v", err)
	}
	if err := s.AllowAddress(ctx, "198.51.100.8"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	app.Clock.Advance(60e9)
	if err := s.AllowAddress(ctx, "198.51.100.7"); err != nil {
		t.Fatalf("next minute: %v", err)
	}
}
