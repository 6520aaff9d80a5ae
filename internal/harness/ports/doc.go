// Package ports gives tests 127.0.0.1 ports: one held busy for the test's
// life (to make a daemon's bind fail), or one free just now (to hand to a
// daemon and check afterwards that it let go).
package ports
