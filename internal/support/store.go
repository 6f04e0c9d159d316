package support

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// Store reads and writes a partner's support requests; every method is
// scoped by partner (AUTH-1).
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
}

// NewRequest is what creating a request takes (SUP-1). CustomerID and
// CustomerName are filled by ResolveCustomer.
type NewRequest struct {
	ProblemType, IssueType, Category, Severity string
	Title, Description                         string
	CustomerRef, CustomerID, CustomerName      string
	OrderOrSubscriptionID, Reason              string
	AmountRequested                            money.Cents
	ContactName, ContactEmail, ContactPhone    string
	ReservationID, ReservationOrderID          string
}

// NewFile is an attachment to store, already checked with CheckFile.
type NewFile struct {
	FileName, ContentType string
	Data                  []byte
}

// ResolveCustomer finds the partner's customer named by ref: its tenant ID
// or its primary domain. Anything else is ErrUnknownCustomer.
func (s *Store) ResolveCustomer(ctx context.Context, partnerID, ref string) (customers.Customer, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	var c customers.Customer
	q := db.Conn(ctx, s.DB).Where("partner_id = ?", partnerID)
	if _, err := uuid.Parse(ref); err == nil {
		q = q.Where("tenant_id = ?", ref)
	} else {
		q = q.Where("domain = ?", ref)
	}
	err := q.Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return customers.Customer{}, ErrUnknownCustomer
	}
	if err != nil {
		return customers.Customer{}, fmt.Errorf("support: resolve customer: %w", err)
	}
	return c, nil
}

// Create records a request with its files and the activity entry, in one
// transaction (joining the caller's, as a refund does).
func (s *Store) Create(ctx context.Context, partnerID string, actor activity.Actor, n NewRequest, files []NewFile) (Request, error) {
	now := s.Clock.Now()
	r := Request{
		ID: uuid.NewString(), PartnerID: partnerID, ProblemType: n.ProblemType, IssueType: n.IssueType,
		Category: n.Category, Severity: n.Severity, Title: n.Title, Description: n.Description,
		CustomerRef: n.CustomerRef, CustomerID: n.CustomerID, CustomerName: n.CustomerName,
		OrderOrSubscriptionID: n.OrderOrSubscriptionID, Reason: n.Reason, AmountRequested: n.AmountRequested,
		ContactName: n.ContactName, ContactEmail: n.ContactEmail, ContactPhone: n.ContactPhone,
		Status: Open, ReservationID: n.ReservationID, ReservationOrderID: n.ReservationOrderID,
		CreatedBy: actor.UserID, CreatedAt: now, UpdatedAt: now,
	}
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var err error
		if r.CreatedByName, err = s.authorName(ctx, partnerID, actor); err != nil {
			return err
		}
		num, err := s.nextNumber(tx, partnerID, now)
		if err != nil {
			return err
		}
		r.Number = num
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		for _, f := range files {
			a := Attachment{ID: uuid.NewString(), RequestID: r.ID, FileName: f.FileName, ContentType: f.ContentType,
				Size: int64(len(f.Data)), Data: f.Data, CreatedAt: now}
			if err := tx.Create(&a).Error; err != nil {
				return err
			}
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
			ResourceType: "support_request", ResourceID: r.ID, Action: "support.request_created",
			Details: r.Number + " " + r.Title,
			After: map[string]any{"number": r.Number, "problem_type": r.ProblemType, "severity": r.Severity,
				"status": r.Status, "reservation_id": r.ReservationID, "attachments": len(files)},
		})
	})
	if err != nil {
		return Request{}, fmt.Errorf("support: create: %w", err)
	}
	return r, nil
}

// nextNumber gives the next short reference of the day: SR-YYMMDD-NNNN. The
// write lock of the transaction (SQLite) or the unique index (PostgreSQL)
// keeps two requests from sharing one.
func (s *Store) nextNumber(tx *gorm.DB, partnerID string, now time.Time) (string, error) {
	prefix := "SR-" + now.UTC().Format("060102") + "-"
	var last string
	err := tx.Model(&Request{}).Where("partner_id = ? AND number LIKE ?", partnerID, prefix+"%").
		Order("number DESC").Limit(1).Pluck("number", &last).Error
	if err != nil {
		return "", err
	}
	seq := 0
	if last != "" {
		_, _ = fmt.Sscanf(strings.TrimPrefix(last, prefix), "%d", &seq)
	}
	return fmt.Sprintf("%s%04d", prefix, seq+1), nil
}

// Get returns one of the partner's requests.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Request, error) {
	return db.Get[Request](ctx, s.DB, partnerID, id, ErrNotFound)
}

// Thread returns a request's notes, oldest first, and its attachments
// without their data: two queries.
func (s *Store) Thread(ctx context.Context, requestID string) ([]Note, []Attachment, error) {
	var notes []Note
	if err := db.Conn(ctx, s.DB).Where("request_id = ?", requestID).Order("created_at, id").Find(&notes).Error; err != nil {
		return nil, nil, fmt.Errorf("support: notes of %s: %w", requestID, err)
	}
	var files []Attachment
	err := db.Conn(ctx, s.DB).Select("id", "request_id", "file_name", "content_type", "size", "created_at").
		Where("request_id = ?", requestID).Order("created_at, file_name").Find(&files).Error
	if err != nil {
		return nil, nil, fmt.Errorf("support: attachments of %s: %w", requestID, err)
	}
	return notes, files, nil
}

// Attachment returns one file of one of the partner's requests, with its
// data, and records the download.
func (s *Store) Attachment(ctx context.Context, partnerID string, actor activity.Actor, requestID, id string) (Attachment, error) {
	r, err := s.Get(ctx, partnerID, requestID)
	if err != nil {
		return Attachment{}, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return Attachment{}, ErrNotFound
	}
	var a Attachment
	err = db.Conn(ctx, s.DB).Where("request_id = ? AND id = ?", r.ID, id).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Attachment{}, ErrNotFound
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("support: attachment %s: %w", id, err)
	}
	err = s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
		PartnerID: partnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		ResourceType: "support_request", ResourceID: r.ID, Action: "support.attachment_downloaded",
		Details: r.Number + " " + a.FileName,
	})
	return a, err
}

// AddNote appends a note to a request's thread, with its activity entry.
func (s *Store) AddNote(ctx context.Context, partnerID string, actor activity.Actor, requestID, body string) (Note, error) {
	now := s.Clock.Now()
	n := Note{ID: uuid.NewString(), AuthorID: actor.UserID, Body: body, CreatedAt: now}
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, requestID)
		if err != nil {
			return err
		}
		if n.Author, err = s.authorName(ctx, partnerID, actor); err != nil {
			return err
		}
		n.RequestID = r.ID
		if err := tx.Create(&n).Error; err != nil {
			return err
		}
		if err := tx.Model(&Request{}).Where("id = ?", r.ID).Update("updated_at", now).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
			ResourceType: "support_request", ResourceID: r.ID, Action: "support.note_added",
			Details: r.Number, After: map[string]string{"note": body},
		})
	})
	if err != nil {
		return Note{}, fmt.Errorf("support: add note to %s: %w", requestID, err)
	}
	return n, nil
}

// SetStatus changes a request's status, with its activity entry; setting
// the status it has already changes nothing.
func (s *Store) SetStatus(ctx context.Context, partnerID string, actor activity.Actor, requestID, status string) error {
	if !Valid(Statuses(), status) {
		return ErrInvalid
	}
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, requestID)
		if err != nil {
			return err
		}
		if r.Status == status {
			return nil
		}
		if err := tx.Model(&Request{}).Where("id = ?", r.ID).Updates(map[string]any{"status": status, "updated_at": now}).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
			ResourceType: "support_request", ResourceID: r.ID, Action: "support.status_changed",
			Details: r.Number, Before: map[string]string{"status": r.Status}, After: map[string]string{"status": status},
		})
	})
	if err != nil {
		return fmt.Errorf("support: set status of %s: %w", requestID, err)
	}
	return nil
}

// ForReservation returns the requests that carry a reservation, newest
// first.
func (s *Store) ForReservation(ctx context.Context, partnerID, reservationID string) ([]Request, error) {
	var out []Request
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND reservation_id = ?", partnerID, reservationID).
		Order("created_at DESC").Limit(20).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("support: requests of reservation %s: %w", reservationID, err)
	}
	return out, nil
}

// authorName is how a request's thread names its author: the partner user's
// display name, read by the actor's ID (the activity log names an actor by
// email, which reads poorly in a conversation); an actor who is not a user
// (the system) by the actor's name.
func (s *Store) authorName(ctx context.Context, partnerID string, actor activity.Actor) (string, error) {
	if actor.UserID == "" {
		return actor.Name, nil
	}
	var names []string
	err := db.Conn(ctx, s.DB).Model(&auth.User{}).Where("partner_id = ? AND id = ?", partnerID, actor.UserID).Limit(1).Pluck("name", &names).Error
	if err != nil {
		return "", fmt.Errorf("support: author %s: %w", actor.UserID, err)
	}
	if len(names) == 0 || names[0] == "" {
		return actor.Name, nil
	}
	return names[0], nil
}
