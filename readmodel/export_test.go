package readmodel

// Hooks for the package's external tests.

// SetEpoch makes p write as the holder of the given lease epoch.
func (p *Projector) SetEpoch(epoch int64) { p.epoch.Store(epoch) }

// SessionsBackingOff counts the sessions waiting for a retry.
func (p *Projector) SessionsBackingOff() int { return p.backoff.len() }

// CacheSize reports the snapshot cache's bytes and snapshots.
func (p *Projector) CacheSize() (bytes, snapshots int) { return p.cache.size() }
