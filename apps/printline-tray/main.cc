// printline-tray: the desktop client's face — a tray icon, notifications, the fallback chooser
// and the error dialogs — talking to the printline-client daemon over its control socket.

#include <QApplication>
#include <QCommandLineParser>

#include "client/control_socket_path.h"
#include "tray/tray_app.h"
#include "tray/tray_translations.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("printline-tray"));
  QApplication::setQuitOnLastWindowClosed(false);  // closing a dialog leaves the tray running
  printline::tray::install_translations(app);  // before any text is built (D14)

  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Printline's tray icon, notifications and dialogs."));
  parser.addHelpOption();
  QCommandLineOption socket(QStringLiteral("control-socket"),
                            QObject::tr("The client's control socket (default "
                                        "$XDG_RUNTIME_DIR/printline/control.sock)."),
                            QStringLiteral("path"));
  QCommandLineOption web(QStringLiteral("web-url"),
                         QObject::tr("The web interface (default: the server the client uses)."),
                         QStringLiteral("url"));
  parser.addOption(socket);
  parser.addOption(web);
  parser.process(app);

  const std::filesystem::path socket_path =
      parser.isSet(socket) ? std::filesystem::path(parser.value(socket).toStdString())
                           : printline::client::default_control_socket_path();
  printline::tray::TrayApp tray(socket_path, parser.value(web));
  tray.start();
  return app.exec();
}
