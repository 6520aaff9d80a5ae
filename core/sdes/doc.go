// Package sdes carries SRTP master keys in SDP (RFC 4568 Security
// Descriptions, a=crypto) and turns them into github.com/pion/srtp contexts.
//
// A call leg that negotiates RTP/SAVP gets two contexts: one made from our
// own key (what we send, announced in our a=crypto) and one from the peer's
// key (what we receive). core/sdp parses and writes the attribute with
// ParseCrypto and Crypto.String; core/rtpio protects and unprotects packets
// in place with the contexts NewContext makes.
//
// Suites: AES_CM_128_HMAC_SHA1_80 and AES_CM_128_HMAC_SHA1_32 (RFC 4568
// §6.2) and AEAD_AES_128_GCM (RFC 7714 §12). Key parameters: one inline key
// per line, an optional lifetime (kept, not enforced: a call ends long before
// 2^31 packets) and no MKI. Session parameters that weaken the protection
// (UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP), a KDR other
// than 0 and FEC_ORDER/FEC_KEY make a line unsupported (ErrUnsupported): the
// answerer skips it and takes the next one (RFC 4568 §7.1.1); WSH (window
// size hint) is accepted and ignored.
package sdes
