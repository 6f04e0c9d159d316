package software

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

// Download is a counted download: the link after counting it, its purchase
// and the file's name.
type Download struct {
	Link     DownloadLink
	Purchase Purchase
	FileName string
}

// maxTokenLen bounds what is hashed and looked up: real tokens are 43
// characters.
const maxTokenLen = 128

// Download counts one download through a link and records it (SW-3, SW-4).
// An unknown token is ErrLinkNotFound; a revoked, expired or used-up link is
// a *GoneError. The count is taken by one conditional UPDATE, so parallel
// downloads never exceed MaxDownloads.
func (s *Store) Download(ctx context.Context, token string) (Download, error) {
	if token == "" || len(token) > maxTokenLen {
		return Download{}, ErrLinkNotFound
	}
	hash := HashToken(token)
	link, err := s.linkByHash(ctx, hash)
	if err != nil {
		return Download{}, err
	}
	now := s.Clock.Now().UTC()
	if st := LinkState(link, now); st != LinkActive {
		return Download{}, &GoneError{Reason: st, Link: link}
	}
	var out Download
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		res := tx.Model(&DownloadLink{}).
			Where("token_hash = ? AND downloads < ? AND revoked = ? AND expires_at > ?", hash, MaxDownloads, false, now).
			Update("downloads", gorm.Expr("downloads + 1"))
		if res.Error != nil {
			return res.Error
		}
		link, err := s.linkByHash(ctx, hash)
		if err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			// Another download took the last one, or the link ended meanwhile.
			st := LinkState(link, now)
			if st == LinkActive {
				st = LinkUsedUp
			}
			return &GoneError{Reason: st, Link: link}
		}
		p, err := s.Get(ctx, link.PartnerID, link.PurchaseID)
		if err != nil {
			return err
		}
		name, err := customerName(ctx, tx, p.PartnerID, p.CustomerID)
		if err != nil {
			return err
		}
		out = Download{Link: link, Purchase: p, FileName: FileName(p.ProductName, link.Version, link.Language, link.FileType)}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: p.PartnerID, Actor: activity.Anonymous, CustomerID: p.CustomerID, CustomerName: name,
			ResourceType: "software", ResourceID: p.ID, Action: "software.downloaded",
			Details: choiceDetails(p.ProductName, link) + fmt.Sprintf(" · %d/%d", link.Downloads, MaxDownloads),
			After:   map[string]any{"link_id": link.ID, "downloads": link.Downloads},
		})
	})
	if err != nil {
		var gone *GoneError
		if errors.As(err, &gone) {
			return Download{}, gone
		}
		return Download{}, fmt.Errorf("software: download: %w", err)
	}
	return out, nil
}

func (s *Store) linkByHash(ctx context.Context, hash string) (DownloadLink, error) {
	var l DownloadLink
	err := db.Conn(ctx, s.DB).Where("token_hash = ?", hash).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return DownloadLink{}, ErrLinkNotFound
	}
	if err != nil {
		return DownloadLink{}, fmt.Errorf("software: link: %w", err)
	}
	return l, nil
}

// FileSize is the size of a generated download.
const FileSize = 256 << 10

// File returns the bytes of a download: a short text header naming what it
// is, then deterministic filler, FileSize bytes in all. The same name always
// gives the same bytes.
func File(name string) io.Reader {
	header := []byte("PARTNER-CENTER-DEMO-IMAGE\n" + name + "\n\n")
	return io.MultiReader(bytes.NewReader(header), io.LimitReader(&filler{seed: sha256.Sum256([]byte(name))}, int64(FileSize-len(header))))
}

// filler streams SHA-256(seed || counter) blocks.
type filler struct {
	seed    [32]byte
	counter uint64
	buf     []byte
}

func (f *filler) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(f.buf) == 0 {
			var in [40]byte
			copy(in[:], f.seed[:])
			binary.BigEndian.PutUint64(in[32:], f.counter)
			f.counter++
			sum := sha256.Sum256(in[:])
			f.buf = sum[:]
		}
		c := copy(p[n:], f.buf)
		f.buf = f.buf[c:]
		n += c
	}
	return n, nil
}
