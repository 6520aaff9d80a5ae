// Package recapi serves the recordings API of reel-mcp's admin listener,
// shaped like Genesys RWS's recording resources (docs/console.md):
//
//	GET /api/v2/recordings?…                      search, 100 per page, next/prev links
//	GET /api/v2/recordings/{id}                   metadata, delivery, events
//	GET /api/v2/recordings/{id}/play/{file}       the file, with HTTP range requests
//	GET /api/v2/recordings/{id}/waveform/{file}   peaks and paused spans, for the console
//
// Start here: New(index, roots...).Routes() into the admin server's routes.
// Files are served only from under roots (the recordings folder and the
// spool), whatever a document says; an encrypted file is refused with 409
// (the console never decrypts). Reading needs the read-only role or better
// (core/httpapi.RequireRoles).
package recapi
