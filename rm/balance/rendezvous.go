package balance

import (
	"math"
	"slices"

	"github.com/reel-project/reel/rm"
)

// Score is node addr's weighted rendezvous score for call key: higher wins.
// It is −weight / ln(u) with u = Unit(key, addr), the logarithmic method,
// which picks each node with probability weight / Σ weights.
func Score(key, addr string, weight float64) float64 {
	return -weight / math.Log(Unit(key, addr))
}

// Unit hashes key and addr to a number in the open interval (0, 1):
// FNV-1a over addr, a NUL byte and key, then the splitmix64 finaliser,
// top 53 bits. The function is part of the wire contract between RMs:
// changing it moves calls between MCPs during an upgrade.
func Unit(key, addr string) float64 {
	h := fnv1a(offset64, addr)
	h = fnv1a(h, "\x00")
	h = mix64(fnv1a(h, key))
	return (float64(h>>11) + 0.5) / (1 << 53)
}

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func fnv1a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// mix64 is splitmix64's finaliser: it spreads FNV's weak low bits.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Rank returns nodes ordered by their score for key, best first, with the
// capacities as weights. It allocates; Pick does not use it.
func Rank(key string, nodes []*rm.Node) []*rm.Node {
	out := slices.Clone(nodes)
	score := make(map[*rm.Node]float64, len(out))
	for _, n := range out {
		score[n] = Score(key, n.Addr, float64(n.Capacity))
	}
	slices.SortStableFunc(out, func(a, b *rm.Node) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	return out
}

// best returns the highest-scoring node for key among those ok accepts.
func best(key string, nodes []*rm.Node, ok func(*rm.Node) bool) *rm.Node {
	var win *rm.Node
	top := math.Inf(-1)
	for _, n := range nodes {
		if !ok(n) {
			continue
		}
		if s := Score(key, n.Addr, float64(n.Capacity)); s > top || win == nil {
			win, top = n, s
		}
	}
	return win
}
