package web

// absURL returns the absolute link of a path on the portal's configured
// public address (Config.BaseURL), never the request's Host header. Without
// a configured address it is the path alone.
func (s *Server) absURL(path string) string { return s.baseURL + path }
