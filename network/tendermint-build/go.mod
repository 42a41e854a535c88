// Wrapper module that builds Tendermint v0.31.5 (which predates Go modules) from the Go module proxy
// with the dependency revisions of its Gopkg.lock. Each require is the Gopkg.lock pin: its tag where
// the lock names one, else the pseudo-version of the locked commit (UTC commit time + 12 hex digits).
// Four lines are the versions the module graph selects; the replace block sets the locked ones.
// The lock spells inconshreveable/mousetrap's tag "v1.0"; modules spell the same tag v1.0.0.
module ledgerd.local/tendermint-build

go 1.21

require (
	github.com/beorn7/perks v0.0.0-20180321164747-3a771d992973
	github.com/btcsuite/btcd v0.0.0-20190115013929-ed77733ec07d
	github.com/btcsuite/btcutil v0.0.0-20180706230648-ab6388e0c60a // selected by the graph; replaced below by the lock pin d4cc87b86016
	github.com/davecgh/go-spew v1.1.1
	github.com/fortytw2/leaktest v1.2.0
	github.com/fsnotify/fsnotify v1.4.7
	github.com/go-kit/kit v0.6.0
	github.com/go-logfmt/logfmt v0.3.0
	github.com/go-stack/stack v1.8.0
	github.com/gogo/protobuf v1.2.1
	github.com/golang/protobuf v1.3.0
	github.com/golang/snappy v0.0.0-20180518054509-2e65f85255db
	github.com/gorilla/websocket v1.2.0
	github.com/hashicorp/hcl v1.0.0
	github.com/inconshreveable/mousetrap v1.0.0
	github.com/jmhodges/levigo v1.0.0
	github.com/kr/logfmt v0.0.0-20140226030751-b84e30acd515
	github.com/magiconair/properties v1.8.0
	github.com/matttproud/golang_protobuf_extensions v1.0.1
	github.com/mitchellh/mapstructure v1.1.2
	github.com/pelletier/go-toml v1.2.0
	github.com/pkg/errors v0.8.0
	github.com/pmezard/go-difflib v1.0.0
	github.com/prometheus/client_golang v0.9.1
	github.com/prometheus/client_model v0.0.0-20180712105110-5c3871d89910
	github.com/prometheus/common v0.0.0-20181020173914-7e9e6cabbd39
	github.com/prometheus/procfs v0.0.0-20181005140218-185b4288413d
	github.com/rcrowley/go-metrics v0.0.0-20180503174638-e2704e165165
	github.com/rs/cors v1.6.0
	github.com/spf13/afero v1.1.2
	github.com/spf13/cast v1.3.0
	github.com/spf13/cobra v0.0.1
	github.com/spf13/jwalterweatherman v1.0.0
	github.com/spf13/pflag v1.0.3
	github.com/spf13/viper v1.0.0
	github.com/stretchr/testify v1.2.2 // selected by the graph; replaced below by the lock pin v1.2.1
	github.com/syndtr/goleveldb v0.0.0-20181012014443-6b91fda63f2e
	github.com/tendermint/go-amino v0.14.1
	github.com/tendermint/tendermint v0.31.5
	golang.org/x/crypto v0.0.0-20190228161510-8dd112bcdc25
	golang.org/x/net v0.0.0-20180906233101-161cd47e91fd // selected by the graph; replaced below by the lock pin 292b43bbf7cb
	golang.org/x/sys v0.0.0-20190215142949-d0b11bdaac8a // selected by the graph; replaced below by the lock pin 7e31e0c00fa0
	golang.org/x/text v0.3.0
	google.golang.org/genproto v0.0.0-20181029155118-b69ba1387ce2
	google.golang.org/grpc v1.13.0
	gopkg.in/yaml.v2 v2.2.1
)

// The go.mod files of some locked dependencies (written after the lock) ask for newer revisions of
// four locked modules, and minimal version selection would take those. These replaces keep the
// Gopkg.lock revisions (replace applies to every version the graph selects):
//   btcsuite/btcd ed77733ec07d          requires btcutil  ab6388e0c60a (lock: d4cc87b86016)
//   golang/protobuf v1.3.0, onsi/gomega requires x/net    161cd47e91fd (lock: 292b43bbf7cb)
//   x/crypto 8dd112bcdc25               requires x/sys    d0b11bdaac8a (lock: 7e31e0c00fa0)
//   spf13/cast v1.3.0                   requires testify  v1.2.2       (lock: v1.2.1; tests only)
replace (
	github.com/btcsuite/btcutil => github.com/btcsuite/btcutil v0.0.0-20180524032703-d4cc87b86016
	github.com/stretchr/testify => github.com/stretchr/testify v1.2.1
	golang.org/x/net => golang.org/x/net v0.0.0-20180710023853-292b43bbf7cb
	golang.org/x/sys => golang.org/x/sys v0.0.0-20181030150119-7e31e0c00fa0
)

// Tendermint itself is built from a patched copy of its v0.31.5 module: network/bin/install-tendermint
// downloads the module (checked against go.sum), applies patches/*.patch to a copy under .tools/src
// and builds from there. Building here without that copy fails, so no unpatched binary is built.
replace github.com/tendermint/tendermint => ../../.tools/src/tendermint-v0.31.5-patched
