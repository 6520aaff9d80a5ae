package metrics

import "github.com/prometheus/client_golang/prometheus"

// EncryptionWaiting is the metric of recordings held back for want of a
// valid encryption certificate.
const EncryptionWaiting = "reel_encryption_waiting"

// RegisterEncryption exports waiting, read at every scrape, as EncryptionWaiting.
func (m *Metrics) RegisterEncryption(waiting func() float64) {
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: EncryptionWaiting,
		Help: "Recordings kept in the spool because their profile requires encryption and has no valid certificate.",
	}, waiting))
}
