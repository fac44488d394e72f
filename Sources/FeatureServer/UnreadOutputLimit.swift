import NIOCore

/// Per-connection limit on output a client does not read (issue 36). A client that pipelines requests and never
/// reads the answers used to keep its connection past the idle timeout while the server piled up responses for it
/// (75 → 223 MB with 50 such clients). Once the connection's unsent output passes its high-water mark (the channel
/// turns unwritable), this handler stops reading the client's requests and holds back those already read (one
/// read holds hundreds of pipelined requests, each of which would have made an answer), so no more answers are
/// made for it; they are handed on, in order, when the client drains its output; and the connection is closed if
/// the client has not drained it within the idle timeout.
final class UnreadOutputLimit: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = Any
    typealias InboundOut = Any
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private let timeout: TimeAmount
    private var pendingRead = false
    private var closer: Scheduled<Void>?
    /// Request parts read while the client's output was not drained, in order.
    private var held: [NIOAny] = []

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if context.channel.isWritable && held.isEmpty { context.fireChannelRead(data) } else { held.append(data) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) { context.write(data, promise: promise) }

    /// Reads are held back while the client's output is not being drained.
    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable { context.read() } else { pendingRead = true }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            closer?.cancel()
            closer = nil
            // The requests held back, in order, until the output backs up again.
            var fired = false
            while !held.isEmpty, context.channel.isWritable { context.fireChannelRead(held.removeFirst()); fired = true }
            if fired { context.fireChannelReadComplete() }
            if pendingRead, held.isEmpty { pendingRead = false; context.read() }
        } else if closer == nil {
            let channel = context.channel
            closer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closer?.cancel()
        closer = nil
        held.removeAll()
        context.fireChannelInactive()
    }
}
