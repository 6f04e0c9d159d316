package web

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/support"
	"portal/views/components"
	supviews "portal/views/support"
)

// tooLarge is the 413 of a new request over its limit (SUP-1: a huge upload
// gets a clear page that says the file limits, never a 500).
func tooLarge(cause error) error {
	return &pageError{status: http.StatusRequestEntityTooLarge, titleKey: "sup.error.too_large_title", bodyKey: "sup.error.too_large_body", cause: cause}
}

// supportForm is the new request form with its choices.
func supportForm(v supviews.Values, errs components.FieldErrors) supviews.Form {
	return supviews.Form{Values: v, Errs: errs, ProblemTypes: support.ProblemTypes(), Severities: support.Severities(),
		Extensions: support.AllowedExtensions(), MaxFiles: support.MaxFiles, MaxFileMB: support.MaxFileSize >> 20}
}

// supportNew shows the new request form, prefilled from the query: problem,
// customer, order, title (the software ESU link uses them) and reservation.
func (s *Server) supportNew(c echo.Context) error {
	v := mustViewer(c)
	vals := supviews.Values{
		ProblemType: queryText(c.QueryParam("problem"), 40), Severity: support.Moderate,
		Title: queryText(c.QueryParam("title"), 200), Customer: queryText(c.QueryParam("customer"), 253),
		Order: queryText(c.QueryParam("order"), 64), ContactName: v.User.Name, ContactEmail: v.User.Email,
	}
	if !support.Valid(support.ProblemTypes(), vals.ProblemType) {
		vals.ProblemType = support.ProblemCSPPurchaseRefund
	}
	if vals.Customer != "" {
		// A link names the customer by domain; the picker by tenant ID.
		if cust, err := s.support.ResolveCustomer(c.Request().Context(), v.Partner.ID, vals.Customer); err == nil {
			vals.Customer = cust.TenantID
		}
	}
	m := supportForm(vals, components.FieldErrors{})
	var err error
	if m.CustomerChoices, err = s.supportCustomerChoices(c); err != nil {
		return err
	}
	if id := c.QueryParam("reservation"); id != "" {
		if r, err := s.reservations.Get(c.Request().Context(), v.Partner.ID, id); err == nil {
			m.Values.ReservationID, m.ReservationName = r.ID, r.Name
		}
	}
	return s.render(c, http.StatusOK, supviews.NewPage(m))
}

// supportCreate records a new request with its attachments (SUP-1). Any bad
// field or file is a 422 with the form shown again and nothing saved.
func (s *Server) supportCreate(c echo.Context) error {
	var files []*multipart.FileHeader
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		form, err := c.MultipartForm()
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return tooLarge(err)
		case err != nil:
			return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "sup.error.bad_form", cause: err}
		}
		files = form.File["files"]
		// The multipart form is read here, not by the hygiene check: the
		// same rules apply (AUTH-13).
		if problems := checkForm(form.Value); problems.Has(formDuplicate) {
			return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "hygiene.error.duplicate"}
		}
	}
	ctx := c.Request().Context()
	v := mustViewer(c)
	// Text that is not UTF-8 is kept as sent, so checkText refuses it
	// (AUTH-13) instead of it being stripped silently.
	f := func(name string, _ int) string { return strings.TrimSpace(c.FormValue(name)) }
	vals := supviews.Values{
		ProblemType: f("problem", 40), Severity: f("severity", 20), Title: f("title", 400),
		Description: strings.TrimSpace(c.FormValue("description")), Customer: f("customer", 300), Order: f("order", 100),
		Reason: f("reason", 600), Amount: f("amount", 40), ContactName: f("contact_name", 400),
		ContactEmail: f("contact_email", 400), ContactPhone: f("contact_phone", 100), ReservationID: f("reservation", 36),
	}
	errs := components.FieldErrors{}
	n, reservationName, err := s.checkSupportRequest(ctx, v.Partner.ID, vals, errs)
	if err != nil {
		return err
	}
	stored := checkFiles(files, errs)
	if errs.Any() {
		if len(files) > 0 && !errs.Has("files") {
			errs.Add("files", "sup.files.choose_again")
		}
		vals = validText(vals)
		m := supportForm(vals, errs)
		if m.CustomerChoices, err = s.supportCustomerChoices(c); err != nil {
			return err
		}
		m.ReservationName = reservationName
		return s.render(c, http.StatusUnprocessableEntity, supviews.NewPage(m))
	}
	r, err := s.support.Create(ctx, v.Partner.ID, actorOf(c), n, stored)
	if err != nil {
		return err
	}
	return s.redirect(c, "/support/"+r.ID, "sup.flash.created")
}

// checkSupportRequest checks a new support request's fields (SUP-1), each
// problem into errs, and returns the request to create: the page and the
// API share it.
func (s *Server) checkSupportRequest(ctx context.Context, partnerID string, vals supviews.Values, errs components.FieldErrors) (n support.NewRequest, reservationName string, err error) {
	if !support.Valid(support.ProblemTypes(), vals.ProblemType) {
		errs.Add("problem", "sup.field.choose")
	}
	if !support.Valid(support.Severities(), vals.Severity) {
		errs.Add("severity", "sup.field.choose")
	}
	checkText(errs, "title", vals.Title, 200, true)
	checkText(errs, "description", vals.Description, 4000, true)
	checkText(errs, "order", vals.Order, 64, false)
	checkText(errs, "reason", vals.Reason, 500, false)
	checkContact(errs, vals.ContactName, vals.ContactEmail, vals.ContactPhone)
	amount, aerr := support.ParseAmount(vals.Amount)
	if aerr != nil {
		errs.Add("amount", "sup.field.bad_amount")
	}
	n = support.NewRequest{
		ProblemType: vals.ProblemType, Severity: vals.Severity, Title: vals.Title, Description: vals.Description,
		CustomerRef: vals.Customer, OrderOrSubscriptionID: vals.Order, Reason: vals.Reason, AmountRequested: amount,
		ContactName: vals.ContactName, ContactEmail: vals.ContactEmail, ContactPhone: vals.ContactPhone,
	}
	if vals.Customer != "" {
		checkText(errs, "customer", vals.Customer, 253, false)
		if !errs.Has("customer") {
			cust, err := s.support.ResolveCustomer(ctx, partnerID, vals.Customer)
			switch {
			case errors.Is(err, support.ErrUnknownCustomer):
				errs.Add("customer", "sup.field.unknown_customer")
			case err != nil:
				return n, "", err
			default:
				n.CustomerID, n.CustomerName = cust.ID, cust.Name
			}
		}
	}
	if vals.ReservationID != "" {
		r, err := s.reservations.Get(ctx, partnerID, vals.ReservationID)
		if err != nil {
			return n, "", err // another partner's or unknown reservation: 404
		}
		n.ReservationID, n.ReservationOrderID, reservationName = r.ID, r.ReservationOrderID, r.Name
	}
	return n, reservationName, nil
}

// checkFiles reads the attached files and checks each (SUP-1): at most
// MaxFiles, each at most MaxFileSize, of an allowed type whose content
// matches its extension. Problems go to errs under "files", naming the file.
func checkFiles(headers []*multipart.FileHeader, errs components.FieldErrors) []support.NewFile {
	var chosen []*multipart.FileHeader
	for _, h := range headers {
		if h.Filename != "" || h.Size > 0 { // a form with no file chosen sends one empty part
			chosen = append(chosen, h)
		}
	}
	if len(chosen) > support.MaxFiles {
		errs.Add("files", "sup.files.too_many", support.MaxFiles, len(chosen))
		return nil
	}
	var out []support.NewFile
	for _, h := range chosen {
		name := support.CleanFileName(h.Filename)
		exts := strings.Join(support.AllowedExtensions(), ", ")
		if h.Size > support.MaxFileSize {
			errs.Add("files", "sup.files.too_big", name, exts, support.MaxFileSize>>20)
			return nil
		}
		data, err := readAll(h)
		if err != nil {
			errs.Add("files", "sup.files.unreadable", name)
			return nil
		}
		ct, problem := support.CheckFile(name, int64(len(data)), data[:min(len(data), 512)])
		if problem != support.FileOK {
			errs.Add("files", "sup.files."+problem, name, exts, support.MaxFileSize>>20)
			return nil
		}
		out = append(out, support.NewFile{FileName: name, ContentType: ct, Data: data})
	}
	return out
}

// readAll reads an uploaded file, at most one byte past the size limit.
func readAll(h *multipart.FileHeader) ([]byte, error) {
	f, err := h.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, support.MaxFileSize+1))
}

// validText makes the values shown again valid UTF-8: a bad byte becomes
// U+FFFD on the page, and its field says why.
func validText(v supviews.Values) supviews.Values {
	for _, p := range []*string{&v.ProblemType, &v.Severity, &v.Title, &v.Description, &v.Customer, &v.Order,
		&v.Reason, &v.Amount, &v.ContactName, &v.ContactEmail, &v.ContactPhone, &v.ReservationID} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	return v
}
