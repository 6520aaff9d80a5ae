// Package udpsock is a non-blocking UDP socket that the caller polls, kept
// out of the Go runtime's network poller.
//
// Start here: Listen on an address, then call RecvBatch from a clock (once a
// tick) to take whatever datagrams are waiting, with the kernel's arrival
// time of each, and SendTo to send; Close when done. Nothing ever blocks:
// RecvBatch returns 0 when the queue is empty.
//
// Why not net.UDPConn: a media server with hundreds of legs reads each
// leg's socket once per 20 ms tick anyway. A goroutine blocked in Read per
// socket costs a stack, a netpoller wake-up and a goroutine switch per
// packet; a socket registered with the netpoller wakes an idle thread on
// every arrival. Polled on the tick with recvmmsg, a leg costs one system
// call per tick and no goroutine (docs/decisions/0022-polled-rtp-sockets.md).
//
// Linux only: recvmmsg, SOCK_NONBLOCK and SO_TIMESTAMPNS.
package udpsock
