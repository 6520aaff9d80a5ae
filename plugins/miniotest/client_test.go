package miniotest

import (
	"testing"
)

func TestABucketMadeBeforeStartListsAndServesObjects(t *testing.T) {
	dir := t.TempDir()
	srv, err := Start(Binary(t), dir, "", "rec")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	keys, err := srv.List("rec", "")
	if err != nil || len(keys) != 0 {
		t.Fatalf("new bucket: %v %v", keys, err)
	}
	if _, err := srv.Get("rec", "missing"); err == nil {
		t.Fatal("GET of a missing object succeeded")
	}
	if _, err := srv.List("nobucket", ""); err == nil {
		t.Fatal("listing a missing bucket succeeded")
	}
}
