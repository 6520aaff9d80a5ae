// Package loadgen drives reel-mcp with many concurrent calls, as SIP Server
// would, and measures what a capacity claim needs: set-up failures and
// latency, packets sent and received, the spacing of the packets the MCP
// sends, the MCP's CPU per call-second and memory per call, and the
// completeness of the recordings it wrote.
//
// Each call is the full 3PCC flow of internal/harness/sipemu for two parties sending
// real audio. One pacer goroutine, every 20 ms, takes what each party
// received (polled sockets, no goroutine per party; the spacing of the MCP's
// packets comes from the kernel's arrival stamps) and sends each party's
// next packet, so the generator itself stays cheap enough to drive hundreds
// of calls from the machine under test.
package loadgen
