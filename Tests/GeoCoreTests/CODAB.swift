import GeoCore
import LayerIO
import TestSupport

/// The COD-AB levels, read once per test process through our shapelib reader.
enum CODAB {
    static let level1: Result<FeatureCollection, any Error> = Result { try ShapefileReader.read(path: SharedData.codABLevel(1)) }
    static let level2: Result<FeatureCollection, any Error> = Result { try ShapefileReader.read(path: SharedData.codABLevel(2)) }
    static let level3: Result<FeatureCollection, any Error> = Result { try ShapefileReader.read(path: SharedData.codABLevel(3)) }

    static func level(_ n: Int) throws -> FeatureCollection {
        switch n {
        case 1: try level1.get()
        case 2: try level2.get()
        default: try level3.get()
        }
    }
}
