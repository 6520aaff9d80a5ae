// Package loadgen drives reel-mcp with many concurrent calls, as SIP Server
// would, and measures what a capacity claim needs: set-up failures and
// latency, packets sent and received, the spacing of the packets the MCP
// sends, the MCP's CPU per call-second and memory per call, and the
// completeness of the recordings it wrote.
//
// Each call is the full 3PCC flow of core/sipemu for two parties sending
// real audio. One pacer goroutine sends every party's 20 ms packet on one
// clock, so the generator itself stays cheap enough to drive hundreds of
// calls from the machine under test.
package loadgen
