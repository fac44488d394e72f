import GeoCore

/// The service a running server answers from, replaceable while it runs (`serve --watch`): each request takes the
/// service current when it starts and finishes on it, so a swap never mixes two sets of layers in one answer; the
/// new service's ETags differ from the old one's (each service has its own instance number).
public final class ServiceSlot: Sendable {
    private let service: Locked<FeatureService>

    public init(_ service: FeatureService) { self.service = Locked(service) }

    /// The service new requests are answered from.
    public var current: FeatureService { service.withLock { $0 } }

    /// Answers every request that starts from now on from `new`.
    public func replace(with new: FeatureService) { service.withLock { $0 = new } }
}
