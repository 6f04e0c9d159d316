package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/views/apidocs"
	"portal/web/openapi"
)

// apiOpenAPI serves the API's OpenAPI 3.1 document as it is kept in the
// repository (API-4).
func (s *Server) apiOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapi.Document())
}

// apiReference is the readable reference of the API, drawn on the server
// from the same document (API-4): each endpoint, its parameters, its
// request and answers, and the schemas they name.
func (s *Server) apiReference(c echo.Context) error {
	m, err := referenceOf(openapi.Document())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, apidocs.ReferencePage(m))
}

// oaDoc is the part of an OpenAPI document the reference page shows.
type oaDoc struct {
	Info struct {
		Title, Version, Description string
	}
	Paths      map[string]map[string]json.RawMessage
	Components struct {
		Schemas    map[string]oaSchema
		Parameters map[string]oaParam
	}
}

type oaParam struct {
	Ref         string `json:"$ref"`
	Name, In    string
	Required    bool
	Description string
	Schema      oaSchema
}

type oaSchema struct {
	Ref         string `json:"$ref"`
	Type        any
	Format      string
	Description string
	Enum        []any
	Required    []string
	Properties  map[string]oaSchema
	Items       *oaSchema
}

type oaOperation struct {
	OperationID string
	Summary     string
	Description string
	Parameters  []oaParam
	RequestBody *struct {
		Content map[string]struct{ Schema oaSchema }
	}
	Responses map[string]struct {
		Ref         string `json:"$ref"`
		Description string
		Content     map[string]struct{ Schema oaSchema }
	}
}

// referenceOf turns the document into the page's model.
func referenceOf(raw []byte) (apidocs.Reference, error) {
	var d oaDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return apidocs.Reference{}, err
	}
	m := apidocs.Reference{Title: d.Info.Title, Version: d.Info.Version, Description: d.Info.Description}
	paths := make([]string, 0, len(d.Paths))
	for p := range d.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		var shared []oaParam
		if rawShared, ok := d.Paths[p]["parameters"]; ok {
			_ = json.Unmarshal(rawShared, &shared)
		}
		for _, method := range []string{"get", "post", "patch", "delete"} {
			rawOp, ok := d.Paths[p][method]
			if !ok {
				continue
			}
			var op oaOperation
			if err := json.Unmarshal(rawOp, &op); err != nil {
				return m, err
			}
			e := apidocs.Endpoint{ID: op.OperationID, Method: strings.ToUpper(method), Path: p, Summary: op.Summary, Description: op.Description}
			for _, prm := range append(append([]oaParam(nil), shared...), op.Parameters...) {
				if prm.Ref != "" {
					prm = d.Components.Parameters[refName(prm.Ref)]
				}
				e.Params = append(e.Params, apidocs.Param{Name: prm.Name, In: prm.In, Required: prm.Required, Type: typeOf(prm.Schema), Description: prm.Description})
			}
			if op.RequestBody != nil {
				e.Request = typeOf(op.RequestBody.Content["application/json"].Schema)
			}
			codes := make([]string, 0, len(op.Responses))
			for code := range op.Responses {
				codes = append(codes, code)
			}
			sort.Strings(codes)
			for _, code := range codes {
				r := op.Responses[code]
				desc, body := r.Description, ""
				if r.Ref != "" {
					desc = refName(r.Ref)
				}
				if ct, ok := r.Content["application/json"]; ok {
					body = typeOf(ct.Schema)
				}
				e.Responses = append(e.Responses, apidocs.Response{Status: code, Description: desc, Body: body})
			}
			m.Endpoints = append(m.Endpoints, e)
		}
	}
	names := make([]string, 0, len(d.Components.Schemas))
	for n := range d.Components.Schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sc := d.Components.Schemas[n]
		s := apidocs.Schema{Name: n, Description: sc.Description}
		props := make([]string, 0, len(sc.Properties))
		for p := range sc.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		for _, p := range props {
			ps := sc.Properties[p]
			s.Fields = append(s.Fields, apidocs.Param{Name: p, Type: typeOf(ps), Description: ps.Description, Required: contains(sc.Required, p)})
		}
		m.Schemas = append(m.Schemas, s)
	}
	return m, nil
}

// typeOf writes a schema in a few words: a schema's name, a type, a list of.
func typeOf(s oaSchema) string {
	switch {
	case s.Ref != "":
		return refName(s.Ref)
	case s.Items != nil:
		return "array of " + typeOf(*s.Items)
	}
	var t string
	switch v := s.Type.(type) {
	case string:
		t = v
	case []any:
		var parts []string
		for _, x := range v {
			if str, ok := x.(string); ok {
				parts = append(parts, str)
			}
		}
		t = strings.Join(parts, " or ")
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	if len(s.Enum) > 0 {
		var vals []string
		for _, e := range s.Enum {
			if str, ok := e.(string); ok {
				vals = append(vals, str)
			}
		}
		t += ": " + strings.Join(vals, ", ")
	}
	return t
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
