package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/software"
	"portal/internal/support"
	swviews "portal/views/software"
)

// download serves a software download through its link (SW-3, SW-4). It is
// public: whoever holds the link may download, without signing in. An
// unknown token is a 404; a revoked, expired or used-up link a 410 page that
// says why and how to get a new one.
func (s *Server) download(c echo.Context) error {
	d, err := s.software.Download(c.Request().Context(), c.Param("token"))
	var gone *software.GoneError
	switch {
	case errors.As(err, &gone):
		return s.renderGone(c, gone)
	case errors.Is(err, software.ErrLinkNotFound):
		return notFound()
	case err != nil:
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/octet-stream")
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": support.StripBidi(d.FileName)}))
	h.Set(echo.HeaderContentLength, strconv.Itoa(software.FileSize))
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	_, err = io.Copy(c.Response(), software.File(d.FileName))
	return err
}

// renderGone is the 410 page of a link that no longer works.
func (s *Server) renderGone(c echo.Context, g *software.GoneError) error {
	m := swviews.Gone{Reason: g.Reason, ExpiresAt: g.Link.ExpiresAt, Max: software.MaxDownloads}
	if v := viewerOf(c); v != nil && v.Partner.ID == g.Link.PartnerID && v.Roles.Can(perm.SoftwareKeys) {
		m.SoftwareHref = "/software/" + g.Link.PurchaseID
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, http.StatusGone, swviews.GonePage(m))
}
