//go:build tools

// Package build only anchors the Tendermint 0.31.5 commands in this module so that `go build`
// resolves them with the dependency versions pinned in go.mod (those of its Gopkg.lock): the node,
// and the ABCI console whose `kvstore` example app network/bin/ceiling-network serves.
package build

import (
	_ "github.com/tendermint/tendermint/abci/cmd/abci-cli"
	_ "github.com/tendermint/tendermint/cmd/tendermint"
)
