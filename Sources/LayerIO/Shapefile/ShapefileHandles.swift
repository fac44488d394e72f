import CShapelib

/// An open `.shp`/`.shx` pair; closed with `SHPClose` exactly once.
final class SHPFile {
    let handle: SHPHandle
    init(_ handle: SHPHandle) { self.handle = handle }
    deinit { SHPClose(handle) }
}

/// An open `.dbf`; closed with `DBFClose` exactly once.
final class DBFFile {
    let handle: DBFHandle
    init(_ handle: DBFHandle) { self.handle = handle }
    deinit { DBFClose(handle) }
}

/// One shape read by `SHPReadObject`; destroyed with `SHPDestroyObject`.
final class SHPShape {
    let object: UnsafeMutablePointer<SHPObject>
    init(_ object: UnsafeMutablePointer<SHPObject>) { self.object = object }
    deinit { SHPDestroyObject(object) }
}
