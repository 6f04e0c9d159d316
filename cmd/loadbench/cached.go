//go:build linux

package main

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// fileCached reports how many bytes of the file at path the operating
// system's page cache holds, and the file's size. It maps the file without
// reading it and asks the kernel which of its pages are in memory
// (mincore), so asking changes nothing.
//
// On the partner-scale SQLite file a run's figures depend on it: a page or
// a checkout that reads a page the cache no longer holds waits for the
// disk, and a machine's cache keeps only part of a 16 GB file. The load run
// prints it beside its figures.
func fileCached(path string) (held, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	size = st.Size()
	if size == 0 {
		return 0, 0, nil
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return 0, size, fmt.Errorf("map %s: %w", path, err)
	}
	defer func() { _ = syscall.Munmap(m) }()
	page := int64(os.Getpagesize())
	vec := make([]byte, (size+page-1)/page)
	_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		return 0, size, fmt.Errorf("mincore %s: %w", path, errno)
	}
	for _, v := range vec {
		if v&1 != 0 {
			held += page
		}
	}
	return min(held, size), size, nil
}
