// Package configload is the one loading mechanism of reel-mcp's and
// reel-rm's configuration (core/config, rm/config): a struct with
// mapstructure tags is the schema, and Load layers its sources, each
// overriding the one before:
//
//  1. the daemon's embedded default;
//  2. the YAML file, read strictly: every key must be a field of the struct
//     (or, inside a map section, any name), sections mappings, lists lists;
//     an unknown key is a KeyError with its line;
//  3. REEL_* environment variables, one per key that holds a value or a list
//     of values (EnvName: recording.flush_interval →
//     REEL_RECORDING_FLUSH_INTERVAL; lists are comma-separated);
//  4. the command-line flags the daemon maps to keys.
//
// Value keys go through viper (defaults, file, environment, flags), then
// the struct is decoded with mapstructure, strictly. Fields tagged
// reel:"block" (reel-mcp's plugins and profiles, reel-rm's groups and
// tenants) are lists or maps of sections: they are set in the file only,
// replace the default as a whole, and are decoded without viper, which would
// lower-case and split their names (a tenant "Acme", a profile "a.b").
// Every error names its key and where the value came from (file line,
// variable or flag). See docs/decisions/0009-configuration.md.
package configload
