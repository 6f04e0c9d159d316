// Package apperr holds the kinds of failure the web layer turns into status
// codes. Feature packages wrap these in their own sentinel errors, for
// example: var ErrNotFound = fmt.Errorf("customers: %w", apperr.ErrNotFound).
package apperr

import "errors"

// The kinds of failure, each mapped to one status code by the web layer.
var (
	ErrNotFound  = errors.New("not found")        // 404: unknown or another partner's
	ErrForbidden = errors.New("forbidden")        // 403: not allowed in this state
	ErrInvalid   = errors.New("invalid argument") // 422
	ErrConflict  = errors.New("conflict")         // 409
	ErrGone      = errors.New("gone")             // 410
)
