//go:build linux

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// PERF-7: the load run reads how much of the SQLite file the operating
// system's cache holds, the condition its figures depend on: a file just
// written is held whole, and the size is the file's.
func TestFileCachedIsRead_PERF7(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.db")
	data := make([]byte, 1<<20+100)
	for i := range data {
		data[i] = byte(i)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	held, size, err := fileCached(path)
	if err != nil {
		t.Fatal(err)
	}
	if size != int64(len(data)) {
		t.Errorf("size %d, want %d", size, len(data))
	}
	if held <= 0 || held > size {
		t.Errorf("a file just written: %d of its %d bytes held", held, size)
	}
	if _, _, err := fileCached(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("a missing file: no error")
	}
}
