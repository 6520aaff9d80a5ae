// Command reel-plugin-tts-espeak is Reel's built-in text-to-speech plugin
// (kind tts): it speaks VoiceXML prompt text with Debian's espeak-ng
// (plugins/tts/espeak).
package main
