package io.mcpgateway.failure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What a failed file operation says to an operator. The JDK's file failures name the file alone when they carry no
 * reason ({@code /srv/data/districts/master-config.json} for a permission denied): missing files, permissions and
 * I/O errors then look the same in a message.
 */
public final class FileFailures {

    private FileFailures() {
    }

    /** The failure's message with what went wrong ("/srv/data: permission denied"). */
    public static String describe(IOException failure) {
        if (!(failure instanceof FileSystemException file) || file.getReason() != null) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        String why = switch (file) {
            case AccessDeniedException e -> "permission denied";
            case NoSuchFileException e -> "no such file or directory";
            case FileAlreadyExistsException e -> "already exists";
            case NotDirectoryException e -> "not a directory";
            case DirectoryNotEmptyException e -> "not an empty directory";
            default -> "cannot be read or written";
        };
        return file.getMessage() == null ? why : file.getMessage() + ": " + why;
    }
}
