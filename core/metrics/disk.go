package metrics

import "github.com/prometheus/client_golang/prometheus"

// DiskFree is the least free space, in bytes, of the filesystems reel-mcp
// records to (capacity.min_free_mb is checked against it).
const DiskFree = "reel_disk_free_bytes"

// RegisterDisk exports free, read at every scrape, as DiskFree.
func (m *Metrics) RegisterDisk(free func() float64) {
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: DiskFree, Help: "Least free space of the data dir's and the recording dir's filesystems, in bytes.",
	}, free))
}
