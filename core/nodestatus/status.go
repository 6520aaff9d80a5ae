package nodestatus

// Path is the admin API path that serves a Status.
const Path = "/status"

// Status is one reel-mcp's state.
type Status struct {
	Ready         string  `json:"ready"` // "ready", "ready; <warning>", or why not (draining, starting)
	Calls         int     `json:"calls"`
	Legs          int     `json:"legs"`
	MaxCalls      int     `json:"maxCalls"`
	CPUSeconds    float64 `json:"cpuSeconds"` // user+system since start; the reader takes the rate
	DiskFreeBytes uint64  `json:"diskFreeBytes"`
	Spool         Spool   `json:"spool"`
}

// Spool is the spool's gauges.
type Spool struct {
	Pending    int `json:"pending"`
	InProgress int `json:"inProgress"`
	Dead       int `json:"dead"`
	Corrupt    int `json:"corrupt"`
}
