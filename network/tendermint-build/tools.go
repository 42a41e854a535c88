//go:build tools

// Package build only anchors the Tendermint 0.31.5 command in this module so that `go build`
// resolves it with the dependency versions pinned in go.mod (those of its Gopkg.lock).
package build

import _ "github.com/tendermint/tendermint/cmd/tendermint"
