package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// maxBenchStatic bounds the yardstick's size: larger than any page.
const maxBenchStatic = 4 << 20

// benchStatic answers /static/bench/{bytes} with that many bytes of text,
// served the way a static file is, so the load benchmark can set every
// page beside the same server's throughput for a static answer of the same
// size (PERF-3, PERF-7). It exists only when the server runs for a benchmark.
// The bytes are made once, as a file's would be read once.
func (s *Server) benchStatic(c echo.Context) error {
	n, err := strconv.Atoi(c.Param("size"))
	if err != nil || n < 0 || n > len(s.benchBody) {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", s.benchBody[:n])
}

// newBenchBody makes the yardstick's bytes.
func newBenchBody() []byte {
	return bytes.Repeat([]byte("0123456789abcdef"), maxBenchStatic/16)
}
