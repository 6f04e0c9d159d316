// Package openapi holds the JSON API's contract (API-4): the OpenAPI 3.1
// document, a file kept in the repository and served as is.
package openapi

import "embed"

// FS holds openapi.json.
//
//go:embed openapi.json
var FS embed.FS

// Document returns the document's bytes.
func Document() []byte {
	b, err := FS.ReadFile("openapi.json")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return b
}
