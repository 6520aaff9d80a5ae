package metrics

import "slices"

// Namespace prefixes every reel-mcp metric name.
const Namespace = "reel"

// Full metric names, as they appear on /metrics.
const (
	NameCallsActive              = Namespace + "_calls_active"
	NameCallsTotal               = Namespace + "_calls_total"
	NameLegsActive               = Namespace + "_legs_active"
	NameLegsEnded                = Namespace + "_legs_ended_total"
	NameRecordingsActive         = Namespace + "_recordings_active"
	NameRecordingsTotal          = Namespace + "_recordings_total"
	NameRTPPacketsReceived       = Namespace + "_rtp_packets_received_total"
	NameRTPPacketsSent           = Namespace + "_rtp_packets_sent_total"
	NameRTPPacketsLost           = Namespace + "_rtp_packets_lost_total"
	NameRTPPacketsLate           = Namespace + "_rtp_packets_late_total"
	NameRTPPacketsDroppedForeign = Namespace + "_rtp_packets_dropped_foreign_total"
	NameSRTPPacketsDropped       = Namespace + "_srtp_packets_dropped_total"
	NameConcealedMs              = Namespace + "_concealed_ms_total"
	NameMP3QueueFull             = Namespace + "_mp3_queue_full_total"
	NameSIPRequests              = Namespace + "_sip_requests_total"
	NameTickDuration             = Namespace + "_tick_duration_seconds"
	NameTickOverruns             = Namespace + "_tick_overruns_total"
)

// Label names.
const (
	LabelResult = "result" // outcome of a call or recording
	LabelMethod = "method" // SIP method: INVITE, BYE, INFO, …
	LabelStatus = "status" // SIP status code of the final response, e.g. "200"
	LabelReason = "reason" // why a leg ended: bye, local bye, no ack, session expired, …
)

// names lists every metric name this package registers.
var names = []string{
	NameCallsActive, NameCallsTotal, NameLegsActive, NameLegsEnded, NameRecordingsActive,
	NameRecordingsTotal, NameRTPPacketsReceived, NameRTPPacketsSent,
	NameRTPPacketsLost, NameRTPPacketsLate, NameRTPPacketsDroppedForeign, NameSRTPPacketsDropped,
	NameConcealedMs, NameMP3QueueFull, NameSIPRequests, NameTickDuration,
	NameTickOverruns,
}

// TickBuckets are the tick_duration_seconds buckets: fine below the 20 ms
// tick, coarse beyond it, where every tick is an overrun anyway.
var TickBuckets = []float64{.0005, .001, .002, .005, .01, .015, .02, .03, .05, .1}

// Names returns every metric name New registers, besides the Go runtime's
// go_* and the process's process_* metrics.
func Names() []string { return slices.Clone(names) }
