import CGEOS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One GEOS context handle per thread, created on first use and reused.
///
/// GEOS `_r` functions are thread-safe only when each thread has its own
/// context; making one per call (as some wrappers do) costs an allocation
/// and a handler set-up each time. The context is freed with
/// `GEOS_finish_r` when its thread exits.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last error or notice GEOS reported on this context.
    var lastMessage: String = ""

    private init() {
        handle = GEOS_init_r()
        // The handler must not capture: the context object travels as user data.
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastMessage = String(cString: message)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { GEOS_finish_r(handle) }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<GEOSContext>.fromOpaque(pointer).release()
        }
        precondition(rc == 0, "pthread_key_create failed for the GEOS context")
        return key
    }()

    /// This thread's context.
    static var current: GEOSContext {
        if let p = pthread_getspecific(key) {
            return Unmanaged<GEOSContext>.fromOpaque(p).takeUnretainedValue()
        }
        let context = GEOSContext()
        pthread_setspecific(key, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    /// Builds the error for a failed call, with GEOS's message.
    func failure(_ operation: String) -> GeoLibraryError {
        let message = lastMessage.isEmpty ? "no message from GEOS" : lastMessage
        lastMessage = ""
        return .geos(operation: operation, message: message)
    }
}
