// Package espeak is Reel's built-in text-to-speech plugin (kind tts): it runs
// Debian's espeak-ng for each Synthesize, text or SSML on its standard input,
// and answers the WAV it writes (16-bit mono, 22.05 kHz); the host resamples
// it to 8 kHz and caches it by (voice, text). The binary is
// cmd/reel-plugin-tts-espeak; README.md lists the configuration keys.
//
// espeak-ng's speech is robotic but real, free and packaged everywhere, which
// makes it the default voice of IVR tests and of deployments without a
// commercial engine; a plugin for another engine implements the same sdk.TTS.
package espeak
