// Package davtest starts a real Apache httpd with mod_dav and Basic auth on
// 127.0.0.1 for tests: its own ServerRoot files in t.TempDir(), a free
// port, optionally HTTPS with a CA made by the test. Tests fail when
// apache2 is missing and skip under -short.
package davtest
