// Package profile picks the recording profile of a leg from its tenant,
// its Request-URI and its Genesys headers (docs/wire.md §1.1).
//
// Start here: FromConfig(cfg) once, then Rules.Select for every initial
// INVITE. The first rule that gives a profile wins:
//
//  1. the tenant's profile_ids[X-Genesys-gsw-ivr-profile-id], else the
//     profile named by X-Genesys-gsw-ivr-profile-name (when it is a valid
//     name);
//  2. with media-service=record: the tenant's geo[X-Genesys-geo-location];
//  3. with media-service=record: the tenant's record profile;
//  4. the tenant's default profile;
//  5. the global default profile.
//
// The tenant is the Request-URI's gvp-tenant-id; an unknown or missing
// tenant only has rules 1 (by name) and 5. Select never fails and never
// returns a name that is not a valid profile name.
package profile
