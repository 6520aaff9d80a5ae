// Package oracle runs the independent decoders (ffprobe, ffmpeg) that tests
// use to check every file Reel writes: what the container says, and the
// samples a third-party decoder gets out of it.
package oracle
