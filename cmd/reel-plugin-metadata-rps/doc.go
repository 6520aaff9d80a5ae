// Command reel-plugin-metadata-rps is the Recording Processor metadata
// plugin process; see plugins/metadata/rps.
package main
