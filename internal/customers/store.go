package customers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// Store reads and writes a partner's customers. Every method is scoped by
// partner: another partner's customer is ErrNotFound (AUTH-1).
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
}

// Get returns one of the partner's customers.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Customer, error) {
	return db.Get[Customer](ctx, s.DB, partnerID, id, ErrNotFound)
}

// NewCustomer is what creating a customer takes (CUST-2).
type NewCustomer struct {
	Name, Domain, Country, Segment          string
	ContactName, ContactEmail, ContactPhone string
}

// Create adds a customer with a new tenant ID and today's account-opening
// date, its search terms, and the activity entry, in one transaction.
func (s *Store) Create(ctx context.Context, partnerID string, actor activity.Actor, n NewCustomer) (Customer, error) {
	now := s.Clock.Now()
	c := Customer{
		ID: uuid.NewString(), PartnerID: partnerID, Name: n.Name, NameKey: Fold(n.Name),
		Domain: strings.ToLower(n.Domain), TenantID: uuid.NewString(), Country: strings.ToUpper(n.Country),
		Segment: n.Segment, ContactName: n.ContactName, ContactEmail: n.ContactEmail, ContactPhone: n.ContactPhone,
		OpenedAt: now, Relationship: RelationshipNone, CreatedAt: now,
	}
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Customer{}).Where("partner_id = ? AND domain = ?", partnerID, c.Domain).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrDomainTaken
		}
		if err := tx.Create(&c).Error; err != nil {
			if db.IsUniqueViolation(err) {
				return ErrDomainTaken
			}
			return err
		}
		if err := s.index(tx, c); err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "customer", ResourceID: c.ID, Action: "customer.created",
			After: map[string]string{"name": c.Name, "domain": c.Domain, "country": c.Country, "segment": c.Segment},
		})
	})
	if err != nil {
		return Customer{}, fmt.Errorf("customers: create %q: %w", n.Domain, err)
	}
	return c, nil
}

// index writes the customer's search terms, their prefixes and their
// pair keys.
func (s *Store) index(tx *gorm.DB, c Customer) error {
	terms := SearchTerms(c.Name, c.Domain)
	rows := make([]SearchTerm, 0, len(terms))
	for _, t := range terms {
		rows = append(rows, SearchTerm{PartnerID: c.PartnerID, Term: t, CustomerID: c.ID})
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.Create(&rows).Error; err != nil {
		return err
	}
	return tx.CreateInBatches(slices.Concat(prefixRows(c), pairRows(c)), 100).Error
}

// SearchTerms returns the distinct lower-cased words of a name and domain,
// and the whole name and domain, that a search prefix can match: words split
// at every non-letter ("margie", "s"), words split at spaces only
// ("margie's"), and the whole name and domain.
func SearchTerms(name, domain string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		t = Fold(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, w := range splitWords(name) {
		add(w)
	}
	for _, w := range spaceWords(name) {
		add(w)
	}
	add(name)
	add(domain)
	for _, w := range splitWords(domain) {
		add(w)
	}
	return out
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// spaceWords splits s at white space and trims the punctuation around each
// word; words with nothing readable left are dropped.
func spaceWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) }); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// maxQueryWords bounds how many words of a search are looked up.
const maxQueryWords = 8

// QueryWords returns the distinct lower-cased words of a search (CUST-1):
// split at white space, punctuation around a word trimmed, so a query made
// only of symbols ("%", "'") has no words and matches nothing.
func QueryWords(q string) []string {
	var out []string
	for _, w := range spaceWords(strings.ReplaceAll(Fold(q), pairSep, " ")) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
		if len(out) == maxQueryWords {
			break
		}
	}
	return out
}

// Import writes a customer made elsewhere (demo data, bulk loads) with its
// search terms, without an activity entry. It does nothing when a customer
// with that ID exists.
func (s *Store) Import(ctx context.Context, c Customer) error {
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Customer{}).Where("id = ?", c.ID).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		c.NameKey = Fold(c.Name)
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("customers: import %s: %w", c.Domain, err)
		}
		return s.index(tx, c)
	})
}

// FindByRef finds one of the partner's customers by its ID or tenant ID (a
// UUID) or by its primary domain, each through its unique index; ok is false
// when none matches. The activity log's customer filter reads it (LOG-2).
func (s *Store) FindByRef(ctx context.Context, partnerID, ref string) (c Customer, ok bool, err error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	cols := []string{"domain"}
	if _, perr := uuid.Parse(ref); perr == nil {
		cols = []string{"id", "tenant_id"}
	}
	for _, col := range cols {
		var rows []Customer
		err := db.Conn(ctx, s.DB).Where("partner_id = ? AND "+col+" = ?", partnerID, ref).Limit(1).Find(&rows).Error
		if err != nil {
			return Customer{}, false, fmt.Errorf("customers: find %q: %w", ref, err)
		}
		if len(rows) == 1 {
			return rows[0], true, nil
		}
	}
	return Customer{}, false, nil
}
