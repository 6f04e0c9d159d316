// Package apidocs is the JSON API's readable reference page (API-4), drawn
// from the OpenAPI document.
package apidocs

// Reference is the page's model.
type Reference struct {
	Title, Version, Description string
	Endpoints                   []Endpoint
	Schemas                     []Schema
}

// Endpoint is one operation.
type Endpoint struct {
	ID, Method, Path, Summary, Description string
	Params                                 []Param
	Request                                string // the body's schema, if any
	Responses                              []Response
}

// Param is a parameter or a schema's field.
type Param struct {
	Name, In, Type, Description string
	Required                    bool
}

// Response is one answer of an endpoint.
type Response struct {
	Status, Description, Body string
}

// Schema is a named schema and its fields.
type Schema struct {
	Name, Description string
	Fields            []Param
}
