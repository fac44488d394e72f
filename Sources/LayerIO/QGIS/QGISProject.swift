/// A QGIS project (`.qgs`) referencing exported layers by relative path, each
/// with its style embedded, in EPSG:4326.
public struct QGISProject: Sendable {
    public struct Layer: Sendable {
        public let id: String
        public let name: String
        /// Relative to the project file, e.g. `./incidentmap.gpkg|layername=zones`.
        public let source: String
        public let style: QGISStyle
        public init(id: String, name: String, source: String, style: QGISStyle) {
            self.id = id
            self.name = name
            self.source = source
            self.style = style
        }
    }

    public let title: String
    /// Top of the legend first.
    public let layers: [Layer]
    public let extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)

    public init(title: String, layers: [Layer], extent: (Double, Double, Double, Double)) {
        self.title = title
        self.layers = layers
        self.extent = extent
    }

    static let wgs84 = """
    <spatialrefsys><wkt>GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4326]]</wkt><proj4>+proj=longlat +datum=WGS84 +no_defs</proj4><srsid>3452</srsid><srid>4326</srid><authid>EPSG:4326</authid><description>WGS 84</description><projectionacronym>longlat</projectionacronym><ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>
    """

    public func qgs() -> String {
        let x = QGISStyle.xml
        let tree = layers.map { l in
            "<layer-tree-layer id=\"\(x(l.id))\" name=\"\(x(l.name))\" source=\"\(x(l.source))\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\"><customproperties/></layer-tree-layer>"
        }.joined(separator: "\n")
        let maplayers = layers.map { l in
            let geometry = ["point": "Point", "line": "Line", "polygon": "Polygon"][l.style.geometry.rawValue]!
            return """
            <maplayer type="vector" geometry="\(geometry)" autoRefreshEnabled="0" refreshOnNotifyEnabled="0" labelsEnabled="\(l.style.labelField == nil ? 0 : 1)">
              <id>\(x(l.id))</id>
              <datasource>\(x(l.source))</datasource>
              <layername>\(x(l.name))</layername>
              <srs>\(Self.wgs84)</srs>
              <provider encoding="UTF-8">ogr</provider>
              \(l.style.rendererXML())
              \(l.style.labelingXML())
            </maplayer>
            """
        }.joined(separator: "\n")
        let e = extent
        return """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis projectname="\(x(title))" version="3.22.16">
          <homePath path=""/>
          <title>\(x(title))</title>
          <projectCrs>\(Self.wgs84)</projectCrs>
          <layer-tree-group><customproperties/>
        \(tree)
          </layer-tree-group>
          <mapcanvas name="theMapCanvas" annotationsVisible="1">
            <units>degrees</units>
            <extent><xmin>\(e.minX)</xmin><ymin>\(e.minY)</ymin><xmax>\(e.maxX)</xmax><ymax>\(e.maxY)</ymax></extent>
            <rotation>0</rotation>
            <destinationsrs>\(Self.wgs84)</destinationsrs>
          </mapcanvas>
          <projectlayers>
        \(maplayers)
          </projectlayers>
          <layerorder>\(layers.map { "<layer id=\"\(x($0.id))\"/>" }.joined())</layerorder>
          <properties>
            <Paths><Absolute type="bool">false</Absolute></Paths>
          </properties>
        </qgis>

        """
    }
}
