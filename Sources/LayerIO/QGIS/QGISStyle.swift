/// QGIS layer styles (`.qml`, QGIS 3.x) for the layers IncidentMap writes:
/// graduated fills, categorised markers with a data-defined size, single
/// symbols, and labels.
public struct QGISStyle: Sendable {
    public enum GeometryKind: String, Sendable { case point, line, polygon }

    public enum Renderer: Sendable {
        /// One symbol for every feature (RGBA colour).
        case single(color: [Int])
        /// Classes of a numeric attribute: (lower, upper, label, RGBA).
        case graduated(attribute: String, ranges: [(Double, Double, String, [Int])])
        /// Values of a text attribute: (value, label, RGBA); the last catches the rest.
        case categorized(attribute: String, categories: [(String, String, [Int])])
    }

    public let geometry: GeometryKind
    public let renderer: Renderer
    /// Attribute shown as a label, if any.
    public let labelField: String?
    /// Expression giving the marker size in mm (points only), e.g. from fatalities.
    public let sizeExpression: String?

    public init(geometry: GeometryKind, renderer: Renderer, labelField: String? = nil, sizeExpression: String? = nil) {
        self.geometry = geometry
        self.renderer = renderer
        self.labelField = labelField
        self.sizeExpression = sizeExpression
    }

    static func rgba(_ c: [Int]) -> String { c.map(String.init).joined(separator: ",") }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    func symbol(name: String, color: [Int]) -> String {
        switch geometry {
        case .polygon:
            return """
            <symbol type="fill" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
              <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                <prop k="color" v="\(Self.rgba(color))"/><prop k="style" v="solid"/>
                <prop k="outline_color" v="70,70,70,255"/><prop k="outline_style" v="solid"/><prop k="outline_width" v="0.26"/><prop k="outline_width_unit" v="MM"/>
              </layer>
            </symbol>
            """
        case .line:
            return """
            <symbol type="line" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
              <layer class="SimpleLine" enabled="1" locked="0" pass="0">
                <prop k="line_color" v="\(Self.rgba(color))"/><prop k="line_width" v="0.5"/><prop k="line_style" v="solid"/>
              </layer>
            </symbol>
            """
        case .point:
            var dd = ""
            if let sizeExpression {
                dd = """
                <data_defined_properties><Option type="Map"><Option type="QString" name="name" value=""/><Option type="Map" name="properties">
                  <Option type="Map" name="size"><Option type="bool" name="active" value="true"/><Option type="QString" name="expression" value="\(Self.xml(sizeExpression))"/><Option type="int" name="type" value="3"/></Option>
                </Option><Option type="QString" name="type" value="collection"/></Option></data_defined_properties>
                """
            }
            return """
            <symbol type="marker" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
              <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
                <prop k="color" v="\(Self.rgba(color))"/><prop k="name" v="circle"/><prop k="size" v="2.6"/><prop k="size_unit" v="MM"/>
                <prop k="outline_color" v="35,35,35,255"/><prop k="outline_width" v="0.2"/><prop k="outline_style" v="solid"/>
                \(dd)
              </layer>
            </symbol>
            """
        }
    }

    /// The `<renderer-v2>` element.
    public func rendererXML() -> String {
        switch renderer {
        case .single(let color):
            return "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><symbols>\(symbol(name: "0", color: color))</symbols></renderer-v2>"
        case let .graduated(attribute, ranges):
            let r = ranges.enumerated().map { i, x in
                "<range lower=\"\(x.0)\" upper=\"\(x.1)\" symbol=\"\(i)\" label=\"\(Self.xml(x.2))\" render=\"true\"/>"
            }.joined()
            let s = ranges.enumerated().map { i, x in symbol(name: String(i), color: x.3) }.joined()
            return "<renderer-v2 type=\"graduatedSymbol\" attr=\"\(Self.xml(attribute))\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><ranges>\(r)</ranges><symbols>\(s)</symbols><source-symbol>\(symbol(name: "0", color: ranges.first?.3 ?? [200, 200, 200, 255]))</source-symbol><mode name=\"equal\"/></renderer-v2>"
        case let .categorized(attribute, categories):
            let c = categories.enumerated().map { i, x in
                "<category value=\"\(Self.xml(x.0))\" symbol=\"\(i)\" label=\"\(Self.xml(x.1))\" render=\"true\"/>"
            }.joined()
            let s = categories.enumerated().map { i, x in symbol(name: String(i), color: x.2) }.joined()
            return "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(Self.xml(attribute))\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><categories>\(c)</categories><symbols>\(s)</symbols></renderer-v2>"
        }
    }

    public func labelingXML() -> String {
        guard let labelField else { return "" }
        return """
        <labeling type="simple"><settings calloutType="simple">
          <text-style fieldName="\(Self.xml(labelField))" isExpression="0" fontSize="8" fontSizeUnit="Point" textColor="30,30,30,255" fontFamily="Sans Serif" namedStyle="Regular" textOpacity="1">
            <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="1"/>
          </text-style>
          <placement placement="1" dist="0" distUnits="MM"/>
          <rendering drawLabels="1" obstacle="1" scaleVisibility="0"/>
        </settings></labeling>
        """
    }

    /// A complete `.qml` document.
    public func qml() -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.22.16" styleCategories="Symbology|Labeling" labelsEnabled="\(labelField == nil ? 0 : 1)">
        \(rendererXML())
        \(labelingXML())
        </qgis>

        """
    }
}
