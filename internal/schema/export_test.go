package schema

// SearchPairs runs migration 18 up, or down.
var SearchPairs = searchPairs
