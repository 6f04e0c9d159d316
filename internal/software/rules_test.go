package software

import (
	"io"
	"regexp"
	"testing"
	"time"

	"portal/internal/catalog"
	"portal/internal/platform/money"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// SW-3: a link works until exactly 14 days after it was issued and for 50
// downloads; at 14 days exactly it has expired.
func TestLinkState_SW3_ExpiryAt14DaysAnd50Downloads(t *testing.T) {
	link := DownloadLink{IssuedAt: t0, ExpiresAt: t0.Add(LinkTTL)}
	cases := []struct {
		name      string
		now       time.Time
		downloads int
		revoked   bool
		want      string
	}{
		{"just issued", t0, 0, false, LinkActive},
		{"one second before 14 days", t0.Add(LinkTTL - time.Second), 0, false, LinkActive},
		{"exactly 14 days", t0.Add(LinkTTL), 0, false, LinkExpired},
		{"after 14 days", t0.Add(LinkTTL + time.Hour), 0, false, LinkExpired},
		{"49 used: the 50th still allowed", t0.Add(time.Hour), 49, false, LinkActive},
		{"50 used: the 51st refused", t0.Add(time.Hour), 50, false, LinkUsedUp},
		{"expired and used up says expired", t0.Add(LinkTTL), 50, false, LinkExpired},
		{"revoked wins (SW-7)", t0.Add(time.Hour), 3, true, LinkRevoked},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := link
			l.Downloads, l.Revoked = c.downloads, c.revoked
			if got := LinkState(l, c.now); got != c.want {
				t.Fatalf("LinkState = %q, want %q", got, c.want)
			}
		})
	}
}

func purchase(kind, product string, at time.Time) Purchase {
	p := Purchase{ID: "p", Kind: kind, Product: product, PurchasedAt: at, Status: Active, Price: 100_00, ProductName: "Windows Server 2022 Standard"}
	if kind == catalog.SoftwareSubscription {
		end := at.AddDate(3, 0, 0)
		p.TermEnd = &end
	}
	return p
}

// SW-5: the window includes day 60 (the purchase date is day 0) and has
// passed on day 61; days left count down to 0 on the last day.
func TestCheckCancel_SW5_Day60InsideDay61Outside(t *testing.T) {
	bought := time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC)
	cases := []struct {
		name     string
		now      time.Time
		allowed  bool
		daysLeft int
	}{
		{"same day", bought.Add(10 * time.Minute), true, 60},
		{"day 1, a few minutes later", time.Date(2026, 11, 21, 0, 5, 0, 0, time.UTC), true, 59},
		{"day 59", time.Date(2027, 1, 18, 12, 0, 0, 0, time.UTC), true, 1},
		{"day 60 early", time.Date(2027, 1, 19, 0, 0, 0, 0, time.UTC), true, 0},
		{"day 60 last second", time.Date(2027, 1, 19, 23, 59, 59, 0, time.UTC), true, 0},
		{"day 61", time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC), false, 0},
		{"day 90", bought.AddDate(0, 0, 90), false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckCancel(purchase(catalog.SoftwarePerpetual, "windows_server", bought), c.now)
			if got.Allowed != c.allowed || got.DaysLeft != c.daysLeft {
				t.Fatalf("got allowed=%v daysLeft=%d (day %d, refused %q), want %v/%d", got.Allowed, got.DaysLeft, got.Day, got.Refused, c.allowed, c.daysLeft)
			}
			if !c.allowed && got.Refused != RefusedWindowPassed {
				t.Fatalf("refused %q, want window passed", got.Refused)
			}
			if want := time.Date(2027, 1, 19, 0, 0, 0, 0, time.UTC); !got.LastDay.Equal(want) {
				t.Fatalf("last day %v, want %v", got.LastDay, want)
			}
		})
	}
}

// SW-6: Windows 7 ESU goes through a support request; SUSE and Red Hat are
// never cancelled; a cancelled purchase cannot be cancelled again — even
// inside the 60-day window.
func TestCheckCancel_SW6_Exceptions(t *testing.T) {
	now := t0.AddDate(0, 0, 5)
	cancelled := purchase(catalog.SoftwarePerpetual, "windows_server", t0)
	cancelled.Status = Cancelled
	cases := []struct {
		name string
		p    Purchase
		want string
	}{
		{"windows 7 ESU", purchase(catalog.SoftwareSubscription, catalog.ProductWindows7ESU, t0), RefusedSupportOnly},
		{"SUSE", purchase(catalog.SoftwareSubscription, catalog.ProductSUSE, t0), RefusedNeverAllowed},
		{"Red Hat", purchase(catalog.SoftwareSubscription, catalog.ProductRedHat, t0), RefusedNeverAllowed},
		{"already cancelled", cancelled, RefusedCancelled},
		{"ordinary perpetual", purchase(catalog.SoftwarePerpetual, "windows_server", t0), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckCancel(c.p, now)
			if got.Refused != c.want || got.Allowed != (c.want == "") {
				t.Fatalf("refused %q allowed %v, want %q", got.Refused, got.Allowed, c.want)
			}
		})
	}
}

// SW-7: perpetual software is credited in full; a 3-year subscription is
// prorated by the whole days left in its term, in cents.
func TestCancellationCredit_SW7(t *testing.T) {
	bought := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) // term ends 2029-11-20: 1096 days (2028 is a leap year)
	sub := purchase(catalog.SoftwareSubscription, "sql_server", bought)
	sub.Price = 10_800_00
	perp := purchase(catalog.SoftwarePerpetual, "windows_server", bought)
	perp.Price = 2_138_00
	cases := []struct {
		name string
		p    Purchase
		now  time.Time
		want money.Cents
	}{
		{"perpetual, day 10", perp, bought.AddDate(0, 0, 10), 2_138_00},
		{"perpetual, day 60", perp, bought.AddDate(0, 0, 60), 2_138_00},
		{"subscription, same day: everything back", sub, bought.Add(time.Hour), 10_800_00},
		// 1,080,000 × 1066 / 1096 = 1,050,437.95… → 1,050,438 cents.
		{"subscription, day 30", sub, time.Date(2026, 12, 20, 15, 0, 0, 0, time.UTC), 1_050_438},
		// 1,080,000 × 1036 / 1096 = 1,020,875.91… → 1,020,876 cents.
		{"subscription, day 60", sub, time.Date(2027, 1, 19, 8, 0, 0, 0, time.UTC), 1_020_876},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CancellationCredit(c.p, c.now); got != c.want {
				t.Fatalf("credit %d, want %d", got, c.want)
			}
		})
	}
}

// SW-2: the activation key is stable per purchase and secret, and written
// as five groups of five.
func TestActivationKey_SW2(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	k := ActivationKey(secret, "purchase-1")
	if !regexp.MustCompile(`^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$`).MatchString(k) {
		t.Fatalf("key %q is not XXXXX-XXXXX-XXXXX-XXXXX-XXXXX", k)
	}
	if ActivationKey(secret, "purchase-1") != k {
		t.Fatal("key changes between calls")
	}
	if ActivationKey(secret, "purchase-2") == k || ActivationKey([]byte("another secret, same purchase!!"), "purchase-1") == k {
		t.Fatal("key does not depend on purchase and secret")
	}
}

// SW-3: tokens are 32 random bytes in base64url; only their hash is kept.
func TestNewToken_SW3(t *testing.T) {
	tok, hash := NewToken()
	if len(tok) != 43 || !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(tok) {
		t.Fatalf("token %q", tok)
	}
	if hash != HashToken(tok) || len(hash) != 64 {
		t.Fatalf("hash %q", hash)
	}
	if tok2, _ := NewToken(); tok2 == tok {
		t.Fatal("tokens repeat")
	}
}

// SW-2: choices come from the offer's lists, with defaults when it has none,
// and anything else is refused.
func TestChoices_SW2(t *testing.T) {
	o := &catalog.Offer{Versions: "2022, 2019", Languages: "en-us,fr-fr", FileTypes: "x64"}
	c := ChoicesFor(o, Purchase{})
	if len(c.Versions) != 2 || c.Versions[1] != "2019" {
		t.Fatalf("versions %v", c.Versions)
	}
	if bad := c.Bad("2022", "fr-fr", "x64"); len(bad) != 0 {
		t.Fatalf("bad %v", bad)
	}
	if bad := c.Bad("2016", "de-de", "arm64"); len(bad) != 3 {
		t.Fatalf("bad %v", bad)
	}
	d := ChoicesFor(nil, Purchase{ProductName: "Windows Server 2022 Standard"})
	if d.Versions[0] != "2022" || len(d.Languages) == 0 || len(d.FileTypes) == 0 {
		t.Fatalf("defaults %+v", d)
	}
}

// SW-3: the file is named from product, version, language and file type,
// and its bytes are deterministic.
func TestFileName_SW3(t *testing.T) {
	if got := FileName("Windows Server 2022 Standard", "2022", "en-us", "x64"); got != "windows-server-2022-standard_2022_en-us_x64.iso" {
		t.Fatalf("file name %q", got)
	}
	if got := FileName("SUSE Linux Enterprise Server", "15 SP5", "en-us", "x86_64"); got != "suse-linux-enterprise-server_15-sp5_en-us_x86_64.iso" {
		t.Fatalf("file name %q", got)
	}
	// The catalog's file types: the extension is the type's last word.
	for _, c := range []struct{ fileType, want string }{
		{"ISO", "sql-server-2022_2022_english_iso.iso"},
		{"CAB", "sql-server-2022_2022_english_cab.cab"},
		{"VHDX", "sql-server-2022_2022_english_vhdx.vhdx"},
		{"x86_64 DVD ISO", "sql-server-2022_2022_english_x86_64-dvd-iso.iso"},
		{"MAK key", "sql-server-2022_2022_english_mak-key.iso"},
	} {
		if got := FileName("SQL Server 2022", "2022", "English", c.fileType); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.fileType, got, c.want)
		}
	}
	a, _ := io.ReadAll(File("x.iso"))
	b, _ := io.ReadAll(File("x.iso"))
	if len(a) != FileSize || string(a) != string(b) {
		t.Fatalf("file size %d, deterministic %v", len(a), string(a) == string(b))
	}
}
